package mailclerk.web;

import java.time.Instant;

/** One line of the clerks' queue page. */
public record QueueRow(long uid, Instant received, String sender, String subject, String topic, String confidence,
                       String reason) {
}
