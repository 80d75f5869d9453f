package mailclerk.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The mail servers as an administrator checks them before going live: reachable, TLS verified, signed in, folders
 * there. Each step reports what was found, or for a failure, what to fix. Nothing is sent and nothing is changed.
 */
public final class MailCheck {
    /** One checked step: {@code ok}, what was checked, and for a failure what to do. */
    public record Step(boolean ok, String what, String fix) {
        static Step pass(String what) {
            return new Step(true, what, "");
        }

        static Step fail(String what, String fix) {
            return new Step(false, what, fix);
        }
    }

    private MailCheck() {
    }

    public static boolean imap(ServerSettings s, Folders folders, Consumer<Step> out) {
        if (!reachable("IMAP", s, out)) return false;
        Store store;
        try {
            store = ImapFolders.connect(s, null);
        } catch (MessagingException | RuntimeException e) {
            return signInFailed("IMAP", s, e, out);
        }
        try {
            out.accept(Step.pass("IMAP " + tlsWords(s)));
            out.accept(Step.pass("IMAP signed in as " + s.user() + " (" + s.signIn() + ")"));
            List<String> missing = new ArrayList<>();
            for (String name : List.of(folders.inbox(), folders.answered(), folders.needsClerk(), folders.ignored(), folders.sent())) {
                Folder f = store.getFolder(name);
                if (!f.exists()) missing.add(name);
            }
            Folder inbox = store.getFolder(folders.inbox());
            if (missing.contains(folders.inbox())) {
                out.accept(Step.fail("IMAP folder " + folders.inbox() + " not found", "set folder.inbox to the mailbox's inbox"));
                return false;
            }
            inbox.open(Folder.READ_ONLY);
            inbox.close(false);
            out.accept(Step.pass("IMAP folders present" + (missing.isEmpty() ? ""
                    : "; " + String.join(", ", missing) + " will be created at the first poll")));
            return true;
        } catch (MessagingException e) {
            out.accept(Step.fail("IMAP folders could not be read", MailErrors.explain(e)));
            return false;
        } finally {
            try {
                store.close();
            } catch (MessagingException ignored) {
                // a check: nothing to clean up
            }
        }
    }

    public static boolean smtp(ServerSettings s, Consumer<Step> out) {
        if (!reachable("SMTP", s, out)) return false;
        try {
            new Outbox(s, null).check();
        } catch (MessagingException | RuntimeException e) {
            return signInFailed("SMTP", s, e, out);
        }
        out.accept(Step.pass("SMTP " + tlsWords(s)));
        out.accept(Step.pass(s.authenticates() ? "SMTP signed in as " + s.user() + " (" + s.signIn() + "), nothing sent"
                : "SMTP accepts the connection without a login (a relay), nothing sent"));
        return true;
    }

    private static boolean reachable(String what, ServerSettings s, Consumer<Step> out) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(s.host(), s.port()), s.timeoutMillis());
            out.accept(Step.pass(what + " " + s.host() + ":" + s.port() + " reachable"));
            return true;
        } catch (IOException e) {
            out.accept(Step.fail(what + " " + s.host() + ":" + s.port() + " not reachable (" + e.getClass().getSimpleName() + ")",
                    "check " + what.toLowerCase() + ".host and " + what.toLowerCase() + ".port, and that a firewall lets this machine through"));
            return false;
        }
    }

    private static boolean signInFailed(String what, ServerSettings s, Exception e, Consumer<Step> out) {
        String p = what.toLowerCase();
        if (e instanceof mailclerk.mail.oauth.OAuthException) {
            out.accept(Step.fail(what + ": no OAuth2 token", e.getMessage()));
        } else if (e instanceof AuthenticationFailedException) {
            out.accept(Step.pass(what + " " + tlsWords(s)));
            out.accept(Step.fail(what + " sign-in as " + s.user() + " refused", s.xoauth2()
                    ? "the token was issued but the mailbox refused it: check that " + p + ".user is the mailbox address, "
                    + "that the app has the permission (Microsoft 365: IMAP.AccessAsApp / SMTP.SendAsApp with admin "
                    + "consent, New-ServicePrincipal with the enterprise application's object id, Add-MailboxPermission "
                    + "on the mailbox; Google: domain-wide delegation for https://mail.google.com/)"
                    : "check " + p + ".user and the password (MAILCLERK_" + what + "_PASSWORD or " + p + ".password-file)"));
        } else {
            String why = MailErrors.explain(e);
            boolean tls = why.contains("certificate") || why.contains("STARTTLS") || hasSslCause(e);
            out.accept(Step.fail(what + (tls ? " TLS" : " connection") + " failed", why));
        }
        return false;
    }

    private static boolean hasSslCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof javax.net.ssl.SSLException) return true;
        return false;
    }

    private static String tlsWords(ServerSettings s) {
        return switch (s.security()) {
            case NONE -> "without TLS (only for a server on this machine)";
            case STARTTLS -> "STARTTLS: certificate and host name verified";
            case TLS -> "TLS: certificate and host name verified";
        };
    }
}
