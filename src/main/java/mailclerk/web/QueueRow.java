package mailclerk.web;

import java.time.Instant;
import mailclerk.mail.Sender;
import mailclerk.queue.Claim;

/**
 * One line of the clerks' queue page; {@code mailbox} the id of the mailbox it came to ("" when there is only one);
 * {@code claim} null when no clerk is on it (or their claim lapsed).
 */
public record QueueRow(long uid, Instant received, Sender sender, String subject, String topic, String confidence,
                       String reason, boolean draft, String mailbox, Claim claim) {
    /** The message's page. */
    public String path() {
        return MessagePath.of(mailbox, uid);
    }
}
