package mailclerk.queue;

import java.time.Instant;

/**
 * A clerk's "I am on it" for one queued message of one mailbox ({@code mailbox}: its journal key; queue key:
 * UIDVALIDITY:UID of its Needs-Clerk folder). Advisory: it never stops an action.
 */
public record Claim(String mailbox, String queueKey, String clerk, Instant at) {
}
