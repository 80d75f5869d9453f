package mailclerk.mail;

import jakarta.mail.Session;
import java.util.Properties;

/**
 * Jakarta Mail sessions with the settings a long-running responder needs: timeouts on every socket operation
 * (a hung server must not hang the poll), TLS with certificate and host-name checks, and lenient MIME parsing
 * for the broken mail the world sends.
 */
public final class MailSessions {
    static {
        // Process-wide parsing leniency (these are read from system properties only).
        System.setProperty("mail.mime.decodetext.strict", "false");
        System.setProperty("mail.mime.base64.ignoreerrors", "true");
        System.setProperty("mail.mime.uudecode.ignoreerrors", "true");
        System.setProperty("mail.mime.uudecode.ignoremissingbeginend", "true");
        System.setProperty("mail.mime.multipart.ignoremissingendboundary", "true");
        System.setProperty("mail.mime.multipart.ignoremissingboundaryparameter", "true");
        System.setProperty("mail.mime.parameters.strict", "false");
        System.setProperty("mail.mime.address.strict", "false");
        System.setProperty("mail.mime.ignoreunknownencoding", "true");
    }

    private MailSessions() {
    }

    private static final Session PARSING = Session.getInstance(parsingProperties());

    /**
     * Raw UTF-8 in headers (RFC 6532, which many mail programs now send without encoding them) is read as UTF-8, not
     * as Latin-1 ("CafÃ©"). Only for reading: the sessions that write replies keep encoding their headers.
     */
    private static Properties parsingProperties() {
        Properties p = new Properties();
        p.setProperty("mail.mime.allowutf8", "true");
        return p;
    }

    /** A session for parsing only (fetched bytes, files): one for the process, it holds no connection. */
    public static Session parsing() {
        return PARSING;
    }

    /**
     * With XOAUTH2, every connection the store opens later (each folder gets its own) asks the session's
     * authenticator again ({@code forcepasswordrefresh}) instead of replaying the token it connected with, which
     * may have expired since.
     */
    public static Session imap(ServerSettings s) {
        return s.xoauth2() ? Session.getInstance(protocolProperties("imap", s), currentSecret(s))
                : Session.getInstance(protocolProperties("imap", s));
    }

    private static jakarta.mail.Authenticator currentSecret(ServerSettings s) {
        return new jakarta.mail.Authenticator() {
            @Override
            protected jakarta.mail.PasswordAuthentication getPasswordAuthentication() {
                try {
                    return new jakarta.mail.PasswordAuthentication(s.user(), s.signIn().secret());
                } catch (jakarta.mail.MessagingException e) {
                    return null; // the login then fails, and the poll reports why
                }
            }
        };
    }

    public static Session smtp(ServerSettings s, String envelopeFrom) {
        Properties p = protocolProperties("smtp", s);
        if (envelopeFrom != null && !envelopeFrom.isBlank()) {
            p.put("mail.smtp.from", envelopeFrom);
            p.put("mail.smtps.from", envelopeFrom);
        }
        p.put("mail.smtp.auth", Boolean.toString(s.authenticates()));
        p.put("mail.smtps.auth", Boolean.toString(s.authenticates()));
        return Session.getInstance(p);
    }

    /** The store or transport protocol name for these settings. */
    public static String protocol(String base, ServerSettings s) {
        return s.security() == Security.TLS ? base + "s" : base;
    }

    private static Properties protocolProperties(String base, ServerSettings s) {
        Properties p = new Properties();
        String proto = protocol(base, s);
        String pre = "mail." + proto + ".";
        p.put(pre + "host", s.host());
        p.put(pre + "port", Integer.toString(s.port()));
        p.put(pre + "connectiontimeout", Integer.toString(s.timeoutMillis()));
        p.put(pre + "timeout", Integer.toString(s.timeoutMillis()));
        p.put(pre + "writetimeout", Integer.toString(s.timeoutMillis()));
        p.put(pre + "socketFactory", new NoDelaySockets.Plain());
        if (s.security() != Security.NONE) {
            p.put(pre + "ssl.checkserveridentity", "true");
            if (s.security() == Security.STARTTLS) {
                p.put(pre + "starttls.enable", "true");
                p.put(pre + "starttls.required", "true");
            } else {
                p.put(pre + "ssl.enable", "true");
            }
            // never retry a failed TLS connection with the JDK's default socket factory: the second error
            // (an untrusted certificate) would hide the first (a certificate for another host name)
            p.put(pre + "socketFactory.fallback", "false");
            p.put(pre + "ssl.socketFactory.fallback", "false");
            p.put(pre + "ssl.socketFactory", new NoDelaySockets.Tls(s.trustStore().isBlank()
                    ? (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault()
                    : TrustStores.socketFactory(s.trustStore(), s.trustStorePassword())));
        }
        if (s.xoauth2()) {
            // XOAUTH2 only: Angus has it off by default and would otherwise fall back to LOGIN/PLAIN with the token
            p.put(pre + "auth.mechanisms", "XOAUTH2");
            p.put(pre + "auth.xoauth2.disable", "false");
            p.put(pre + "auth.plain.disable", "true");
            p.put(pre + "auth.login.disable", "true");
            p.put(pre + "auth.ntlm.disable", "true");
            if (base.equals("imap")) p.put(pre + "forcepasswordrefresh", "true");
        }
        if (base.equals("imap")) {
            // Ask for whole messages in one FETCH, in big enough pieces not to cost a round trip per 16 KB.
            p.put(pre + "fetchsize", Integer.toString(1024 * 1024));
            p.put(pre + "partialfetch", "true");
            p.put(pre + "peek", "true");
        }
        return p;
    }
}
