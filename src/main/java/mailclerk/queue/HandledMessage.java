package mailclerk.queue;

/** One row of the journal: a message of one mailbox, identified by UIDVALIDITY and UID. */
public record HandledMessage(long id, String mailbox, long uidValidity, long uid, String messageId, String sender,
                             String subject, Stage stage, String action, String topic, double confidence,
                             String reason, String modelVersion, String replyTo, String replyMessageId,
                             String folder, long receivedAt, long updatedAt) {
}
