package mailclerk.mail;

import java.util.Locale;
import mailclerk.config.ConfigException;
import mailclerk.config.Settings;
import mailclerk.mail.oauth.TokenSource;

/**
 * Where and how to reach one mail server (IMAP or SMTP), and how to sign in to it. {@code accountName}: what the
 * account goes by in the journal ({@code imap.account-name}; empty: {@code user@host:port}), see {@link MailboxKey}.
 */
public record ServerSettings(String host, int port, String user, SignIn signIn, Security security,
                             int timeoutMillis, String trustStore, String trustStorePassword, String accountName) {

    /** With password sign-in only; {@code imap.auth=xoauth2} needs {@link #imap(Settings, TokenSource)}. */
    public static ServerSettings imap(Settings s) {
        return imap(s, null);
    }

    public static ServerSettings smtp(Settings s) {
        return smtp(s, null);
    }

    /** @param tokens the OAuth2 token source shared by IMAP and SMTP; null when neither uses XOAUTH2 */
    public static ServerSettings imap(Settings s, TokenSource tokens) {
        return read(s, "imap", 993, tokens);
    }

    public static ServerSettings smtp(Settings s, TokenSource tokens) {
        return read(s, "smtp", 587, tokens);
    }

    /** Whether {@code imap.auth} or {@code smtp.auth} asks for XOAUTH2 (then a token source must be made). */
    public static boolean usesOAuth(Settings s) {
        return auth(s, "imap").equals("xoauth2") || auth(s, "smtp").equals("xoauth2");
    }

    private static String auth(Settings s, String prefix) {
        String def = prefix.equals("smtp") && s.get("smtp.user", "").isBlank() ? "none" : "password";
        String a = s.get(prefix + ".auth", def).strip().toLowerCase(Locale.ROOT);
        boolean ok = a.equals("password") || a.equals("xoauth2") || (a.equals("none") && prefix.equals("smtp"));
        if (!ok) {
            throw new ConfigException(prefix + ".auth must be password" + (prefix.equals("smtp") ? ", xoauth2 or none" : " or xoauth2")
                    + ", not '" + a + "'");
        }
        return a;
    }

    private static ServerSettings read(Settings s, String prefix, int defaultPort, TokenSource tokens) {
        Security security = Security.parse(prefix + ".security", s.get(prefix + ".security", "tls"));
        String auth = auth(s, prefix);
        // XOAUTH2 signs in as the mailbox (imap.user), for SMTP as for IMAP, unless smtp.user says otherwise
        String user = s.get(prefix + ".user", "");
        if (auth.equals("xoauth2") && user.isBlank()) user = s.get("imap.user", "");
        SignIn signIn = switch (auth) {
            case "xoauth2" -> {
                if (tokens == null) throw new ConfigException(prefix + ".auth=xoauth2 needs the oauth.* settings");
                yield new SignIn.XOAuth2(tokens);
            }
            case "none" -> new SignIn.None();
            default -> new SignIn.Password(s.secret(prefix + ".password"));
        };
        return new ServerSettings(
                s.require(prefix + ".host"),
                s.getInt(prefix + ".port", defaultPort),
                user,
                signIn,
                security,
                s.getInt("mail.timeout-seconds", 30) * 1000,
                s.get("tls.truststore", ""),
                s.secret("tls.truststore.password"),
                prefix.equals("imap") ? s.get("imap.account-name", "").strip() : "");
    }

    public boolean authenticates() {
        return !(signIn instanceof SignIn.None) && user != null && !user.isBlank();
    }

    public boolean xoauth2() {
        return signIn instanceof SignIn.XOAuth2;
    }

    /** For logs: never includes the password or a token. */
    @Override
    public String toString() {
        return (user.isBlank() ? "" : user + "@") + host + ":" + port + " (" + security.name().toLowerCase(Locale.ROOT)
                + (xoauth2() ? ", XOAUTH2" : "") + ")";
    }
}
