package mailclerk.mail;

/** The operator's version of a mail error: what is wrong and what to do about it, not a stack trace. */
public final class MailErrors {
    private MailErrors() {
    }

    public static String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof java.security.cert.CertPathValidatorException
                    || t.getClass().getName().contains("SunCertPathBuilderException")) {
                return "the mail server's TLS certificate is not trusted (" + message + "). If the court uses "
                        + "its own certificate authority, set tls.truststore to a trust store holding its certificate.";
            }
            if (t instanceof javax.net.ssl.SSLPeerUnverifiedException || message.contains("Server is not trusted")
                    || message.contains("Can't verify identity of server") || message.contains("No subject alternative")) {
                return "the mail server's TLS certificate does not name the host connected to (" + message
                        + "); set imap.host / smtp.host to the name on the certificate";
            }
            if (t.getClass().getName().endsWith("ParsingException") || message.contains("ParsingException")) {
                // Angus turns a response it cannot parse into a synthetic "* BYE Jakarta Mail Exception: ..."; the
                // operator needs to know what happened, not the library's class names
                return "the mail server sent a response the mail library could not read; the connection is opened again";
            }
            if (message.contains("STARTTLS required but not supported") || message.contains("does not support STARTTLS")) {
                return "the mail server does not offer STARTTLS (" + message + "); mailclerk will not send the "
                        + "password in clear: use security=tls if the server has a TLS port";
            }
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
