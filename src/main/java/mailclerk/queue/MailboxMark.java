package mailclerk.queue;

/** The highest UID of a mailbox up to which every message is filed, valid only for this UIDVALIDITY. */
public record MailboxMark(long uidValidity, long lastUid) {
}
