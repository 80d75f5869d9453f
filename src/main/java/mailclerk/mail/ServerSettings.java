package mailclerk.mail;

import mailclerk.config.Settings;

/** Where and how to reach one mail server (IMAP or SMTP). */
public record ServerSettings(String host, int port, String user, String password, Security security,
                             int timeoutMillis, String trustStore, String trustStorePassword) {

    public static ServerSettings imap(Settings s) {
        return read(s, "imap", 993);
    }

    public static ServerSettings smtp(Settings s) {
        return read(s, "smtp", 587);
    }

    private static ServerSettings read(Settings s, String prefix, int defaultPort) {
        Security security = Security.parse(prefix + ".security", s.get(prefix + ".security", "tls"));
        return new ServerSettings(
                s.require(prefix + ".host"),
                s.getInt(prefix + ".port", defaultPort),
                s.get(prefix + ".user", ""),
                s.secret(prefix + ".password"),
                security,
                s.getInt("mail.timeout-seconds", 30) * 1000,
                s.get("tls.truststore", ""),
                s.secret("tls.truststore.password"));
    }

    public boolean authenticates() {
        return user != null && !user.isBlank();
    }

    /** For logs: never includes the password. */
    @Override
    public String toString() {
        return (user.isBlank() ? "" : user + "@") + host + ":" + port + " (" + security.name().toLowerCase() + ")";
    }
}
