package mailclerk.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Whether a failed send certainly delivered nothing. Only then may a caller give back its claim on the message (a
 * desk or a clerk may answer it again). Everything else may have come after the server took the message, and the
 * message must never be answered a second time.
 */
public final class SmtpRefusal {
    private SmtpRefusal() {
    }

    /** The server's reply code when it refused the message with one (4xx or 5xx), else -1. */
    public static int refusalCode(MessagingException e) {
        int code = -1;
        if (e instanceof SMTPSendFailedException s) code = s.getReturnCode();
        if (e instanceof SMTPAddressFailedException a) code = a.getReturnCode();
        return code >= 400 && code <= 599 ? code : -1;
    }

    /**
     * True when nothing left: no connection or no sign-in ({@link NotSentException}, a connect failure, a refused
     * password), the recipient refused before DATA, or the server refused the message with a 4xx or 5xx code. Not
     * when Angus reports code -1 (the connection closed, typically after the final "." of DATA, when the server may
     * already have queued it) or a partial success (code 250).
     */
    public static boolean nothingDelivered(MessagingException e) {
        if (e instanceof NotSentException || e instanceof MailConnectException || e instanceof AuthenticationFailedException) {
            return true;
        }
        if (e instanceof SMTPSendFailedException || e instanceof SMTPAddressFailedException) return refusalCode(e) > 0;
        // a plain SendFailedException: every address was refused before DATA (Angus adds partial successes as an
        // SMTPSendFailedException with 250)
        return e instanceof SendFailedException && e.getClass() == SendFailedException.class;
    }
}
