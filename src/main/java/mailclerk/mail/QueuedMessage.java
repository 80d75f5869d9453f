package mailclerk.mail;

import java.time.Instant;

/** A message waiting in the clerks' folder, as listed from its envelope (nothing of the body is fetched). */
public record QueuedMessage(long uid, Instant received, String sender, String subject, String messageId, long size) {
}
