package mailclerk.mail;

import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One message from the help mailbox, parsed once, with everything attacker-controlled still raw but bounded:
 * no field is longer than the reader's limits, and {@link #problems()} says what was cut or could not be read.
 *
 * @param messageId   the Message-ID header as written (may be null)
 * @param references  message ids from In-Reply-To and References, in order
 * @param returnPath  the Return-Path address; "" for the null return path {@code <>}; null when absent
 * @param from        every address in From (usually one)
 * @param fromName    the display name of the first From address, decoded ("" if none)
 * @param text        the best text of the body (plain preferred, HTML converted), not yet cleaned of quotes
 * @param size        the message size in bytes as the server reported it (-1 unknown)
 */
public record IncomingMessage(
        String messageId,
        List<String> references,
        String returnPath,
        List<InternetAddress> from,
        String fromName,
        List<InternetAddress> replyTo,
        List<InternetAddress> to,
        List<InternetAddress> cc,
        String subject,
        Instant date,
        Headers headers,
        String contentType,
        String text,
        List<Attachment> attachments,
        long size,
        List<String> problems,
        Instant received) {

    public Optional<InternetAddress> firstFrom() {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(0));
    }

    public IncomingMessage withProblem(String problem) {
        List<String> p = new java.util.ArrayList<>(problems);
        p.add(0, problem);
        return new IncomingMessage(messageId, references, returnPath, from, fromName, replyTo, to, cc, subject, date,
                headers, contentType, text, attachments, size, List.copyOf(p), received);
    }

    /** The same message with the time the court's mail server took it (IMAP INTERNALDATE), which beats any header. */
    public IncomingMessage withReceived(Instant at) {
        if (at == null) return this;
        return new IncomingMessage(messageId, references, returnPath, from, fromName, replyTo, to, cc, subject, date,
                headers, contentType, text, attachments, size, problems, at);
    }

    /** When the court received it, as well as this copy can tell: INTERNALDATE, else the newest Received line, else Date. */
    public Instant receivedOrDated() {
        return received != null ? received : date;
    }

    /** A short form for logs: never the body, the subject or the sender's name. */
    public String logId() {
        return messageId == null ? "(no-Message-ID)" : LogText.token(messageId);
    }
}
