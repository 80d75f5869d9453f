package mailclerk.mail;

import jakarta.mail.MessagingException;

/**
 * The reply certainly did not leave: the SMTP connection or sign-in failed (no host, a refusing greeting, TLS, a
 * timeout, a wrong password) before the message was handed over. A caller may give back whatever it claimed for it.
 */
public final class NotSentException extends MessagingException {
    public NotSentException(MessagingException cause) {
        super("not sent: " + cause.getMessage(), cause);
    }
}
