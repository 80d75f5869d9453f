package mailclerk.queue;

import static mailclerk.queue.Sql.cut;
import static mailclerk.queue.Sql.lower;

import java.time.Instant;
import java.util.List;

/** What the console reads back: the dashboard's raw figures, a sender's history, the audit of every reply sent. */
public final class Reports {
    /**
     * A clerk's action on a journal record: by the record's mailbox and its place in the clerks' folder, which the
     * unique key of clerk_action (mailbox, queue_key) serves as an index. No OR here: an OR on the join key (for the
     * actions V5 could not give a mailbox; V10 gave most of them one) made the dashboard take 8.5 s.
     */
    private static final String ACTION_OF = "c.mailbox = h.mailbox AND c.queue_key = CONCAT(h.filed_uid_validity, ':', h.filed_uid) "
            + "AND c.done";

    private final Sql sql;

    Reports(Sql sql) {
        this.sql = sql;
    }

    /** Every message received since {@code since}, with when a clerk acted on it: the dashboard's raw figures. */
    public List<Activity> activity(Instant since) {
        return sql.list("SELECT h.received_at, h.action, h.stage, h.topic, c.at FROM handled_message h "
                + "LEFT JOIN clerk_action c ON h.filed_uid IS NOT NULL AND " + ACTION_OF
                + " WHERE h.received_at >= ?", r -> {
                    String stage = r.getString(3);
                    return new Activity(r.getLong(1), r.getString(2), "SENT".equals(stage) || "FILED".equals(stage),
                            r.getString(4), r.getLong(5));
                }, since.toEpochMilli());
    }

    /** When clerks answered (sent a reply or answered by hand) since {@code since}, in epoch milliseconds. */
    public List<Long> clerkAnswerTimes(Instant since) {
        return sql.list("SELECT at FROM clerk_action WHERE done AND action IN ('send', 'answered-by-hand') AND at >= ?",
                r -> r.getLong(1), since.toEpochMilli());
    }

    /** Earlier messages from {@code address} (any case), newest first, without the record {@code exceptId}. */
    public List<SenderHistoryEntry> senderHistory(String address, long exceptId, int limit) {
        if (address == null || address.isBlank()) return List.of();
        return sql.list("SELECT h.received_at, h.subject, h.action, h.topic, h.reason, c.clerk, c.action, c.topic, c.at "
                + "FROM handled_message h LEFT JOIN clerk_action c ON h.filed_uid IS NOT NULL AND " + ACTION_OF + " "
                + "WHERE h.sender_lc = ? AND h.id <> ? ORDER BY h.received_at DESC, h.id DESC LIMIT ?", r -> {
                    long clerkAt = r.getLong(9);
                    return new SenderHistoryEntry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                            clerkAt == 0 ? null : Instant.ofEpochMilli(clerkAt));
                }, cut(lower(address.strip())), exceptId, limit);
    }

    /** Every reply that went out from any mailbox, newest first: automatic ones and those sent by clerks. */
    public List<AuditEntry> audit(String sender, String topic, Instant from, Instant to, int limit) {
        return audit(null, sender, topic, from, to, limit);
    }

    /**
     * Every reply that went out, newest first: automatic ones and those sent by clerks. Filters may be null;
     * {@code mailbox} is a journal key (null or blank: every mailbox).
     */
    public List<AuditEntry> audit(String mailbox, String sender, String topic, Instant from, Instant to, int limit) {
        String m = mailbox == null ? "" : mailbox.strip();
        String s = sender == null || sender.isBlank() ? "%" : "%" + lower(sender.strip()) + "%";
        String t = topic == null || topic.isBlank() ? "%" : topic.strip();
        long f = from == null ? 0 : from.toEpochMilli();
        long u = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        return sql.list("""
                SELECT updated_at AS at, 'mailclerk' AS by, reply_to AS recipient, subject, topic, confidence,
                       model_version, 'automatic reply' AS action, mailbox
                  FROM handled_message
                 WHERE action = 'reply' AND stage IN ('SENT','FILED') AND LOWER(reply_to) LIKE ? AND topic LIKE ?
                   AND updated_at BETWEEN ? AND ? AND (? = '' OR mailbox = ?)
                UNION ALL
                SELECT at, clerk, recipient, subject, topic, confidence, model_version, 'reply by clerk', mailbox
                  FROM clerk_action
                 WHERE action = 'send' AND done AND LOWER(recipient) LIKE ? AND COALESCE(topic, '') LIKE ?
                   AND at BETWEEN ? AND ? AND (? = '' OR mailbox = ?)
                ORDER BY at DESC LIMIT ?""", r -> new AuditEntry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2),
                r.getString(3), r.getString(4), r.getString(5), r.getDouble(6), r.getString(7), r.getString(8), r.getString(9)),
                s, t, f, u, m, m, s, t, f, u, m, m, limit);
    }
}
