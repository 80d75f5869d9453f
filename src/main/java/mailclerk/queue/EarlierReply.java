package mailclerk.queue;

import java.time.Instant;

/** A reply we sent that a new message answers: {@code by} "mailclerk" for an automatic reply, else the clerk's name. */
public record EarlierReply(Instant at, String by, String topic, String subject, String recipient) {
}
