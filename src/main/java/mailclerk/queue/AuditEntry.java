package mailclerk.queue;

import java.time.Instant;

/**
 * One reply that went out: automatic (by = "mailclerk") or sent by a clerk from the console; {@code mailbox} is the
 * journal key of the mailbox it went out for ("" for a clerk's reply recorded before replies had one).
 */
public record AuditEntry(Instant at, String by, String recipient, String subject, String topic, double confidence,
                         String modelVersion, String action, String mailbox) {
}
