package mailclerk.queue;

/**
 * One row of the journal: a message of one mailbox, identified by UIDVALIDITY and UID. {@code pilotDraft}: the
 * pilot mode held what would have been an automatic reply for a clerk to confirm or correct. {@code filedUid}: its UID
 * in the folder it was filed in, 0 when not filed or the server did not say.
 */
public record HandledMessage(long id, String mailbox, long uidValidity, long uid, String messageId, String sender,
                             String subject, Stage stage, String action, String topic, double confidence,
                             String reason, String modelVersion, String replyTo, String replyMessageId,
                             String folder, long receivedAt, long updatedAt, boolean pilotDraft,
                             long filedUid) {
}
