package mailclerk.queue;

import java.time.Instant;

/** A clerk's "I am on it" for one queued message (queue key: UIDVALIDITY:UID). Advisory: it never stops an action. */
public record Claim(String queueKey, String clerk, Instant at) {
}
