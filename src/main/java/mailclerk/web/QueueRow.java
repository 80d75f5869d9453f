package mailclerk.web;

import java.time.Instant;
import mailclerk.mail.Sender;

/** One line of the clerks' queue page. */
public record QueueRow(long uid, Instant received, Sender sender, String subject, String topic, String confidence,
                       String reason, boolean draft) {
}
