package mailclerk.mail;

import java.time.Instant;

/**
 * A message waiting in the clerks' folder, as listed from a few raw header fields (nothing of the body is
 * fetched), each field read as the responder read it when it recorded the message.
 */
public record QueuedMessage(long uid, Instant received, Sender sender, String subject, String messageId, long size) {
}
