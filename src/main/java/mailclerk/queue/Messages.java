package mailclerk.queue;

import static mailclerk.queue.Sql.cut;
import static mailclerk.queue.Sql.lower;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each message handled and the stage it reached ({@link Stage}), and the UID mark of each mailbox. Every write of a
 * poll carries its lease ({@link Fence}): once another process has taken the mailbox over, it changes nothing.
 */
public final class Messages {
    private final Sql sql;

    Messages(Sql sql) {
        this.sql = sql;
    }

    public Optional<MailboxMark> mark(String mailbox) {
        return sql.first("SELECT uid_validity, last_uid FROM mailbox_mark WHERE mailbox = ?",
                r -> new MailboxMark(r.getLong(1), r.getLong(2)), mailbox);
    }

    /** The mark, written only while the fence's lease is still held: a node that lost the mailbox leaves it alone. */
    public void saveMark(Fence fence, String mailbox, MailboxMark mark) {
        if (!Fencing.valid(sql, fence)) throw new LeaseLostException(fence.mailbox());
        saveMark(mailbox, mark);
    }

    public void saveMark(String mailbox, MailboxMark mark) {
        long now = System.currentTimeMillis();
        sql.upsert("UPDATE mailbox_mark SET uid_validity = ?, last_uid = ?, updated_at = ? WHERE mailbox = ?",
                new Object[] {mark.uidValidity(), mark.lastUid(), now, mailbox},
                "INSERT INTO mailbox_mark (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)",
                new Object[] {mailbox, mark.uidValidity(), mark.lastUid(), now});
    }

    public Optional<HandledMessage> find(String mailbox, long uidValidity, long uid) {
        return one("SELECT * FROM handled_message WHERE mailbox = ? AND uid_validity = ? AND uid = ?", mailbox, uidValidity, uid);
    }

    public HandledMessage received(String mailbox, long uidValidity, long uid, String messageId, String sender, String subject) {
        return received(Fence.NONE, mailbox, uidValidity, uid, messageId, sender, subject, MessageKeys.ofMessageId(messageId), null);
    }

    /** Under a lease, keyed by its Message-ID (tools and tests). */
    public HandledMessage received(Fence fence, String mailbox, long uidValidity, long uid, String messageId, String sender,
                                   String subject) {
        return received(fence, mailbox, uidValidity, uid, messageId, sender, subject, MessageKeys.ofMessageId(messageId), null);
    }

    /**
     * The first record of a message; a second process recording it at the same time gets the first one's record.
     * {@code messageKey}: what makes two copies one message ({@link MessageKeys}), the key of its reply claim;
     * {@code desk}: the help-desk address of the mailbox it came to, named when a copy is refused a second reply.
     */
    public HandledMessage received(Fence fence, String mailbox, long uidValidity, long uid, String messageId, String sender,
                                   String subject, String messageKey, String desk) {
        long now = System.currentTimeMillis();
        Object[] args = {mailbox, uidValidity, uid, cut(messageId), cut(sender), cut(lower(sender)), cut(subject), messageKey,
            cut(desk), now, now};
        String insert = "INSERT INTO handled_message (mailbox, uid_validity, uid, message_id, sender, sender_lc, subject, "
                + "message_key, desk, stage, received_at, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?";
        if (fence.checked()) {
            insert += " WHERE " + Fencing.LEASE_HELD;
            args = Sql.concat(args, fence.mailbox(), fence.token());
        }
        Optional<HandledMessage> existing = Optional.empty();
        if (!sql.insertUnlessDuplicate(insert, args)) existing = find(mailbox, uidValidity, uid);
        Optional<HandledMessage> rec = existing.isPresent() ? existing : find(mailbox, uidValidity, uid);
        // no row and no duplicate: the fenced insert found the lease taken over
        return rec.orElseThrow(() -> new LeaseLostException(fence.mailbox()));
    }

    /** Records the decision; a reply's recipient and Message-ID are fixed here, before anything is sent. */
    public void decided(long id, String action, String topic, double confidence, String reason, String modelVersion,
                        String replyTo, String replyMessageId) {
        decided(Fence.NONE, id, action, topic, confidence, reason, modelVersion, replyTo, replyMessageId, false);
    }

    /** As above; {@code pilotDraft}: a would-be reply the pilot mode held for a clerk. */
    public void decided(long id, String action, String topic, double confidence, String reason, String modelVersion,
                        String replyTo, String replyMessageId, boolean pilotDraft) {
        decided(Fence.NONE, id, action, topic, confidence, reason, modelVersion, replyTo, replyMessageId, pilotDraft);
    }

    public void decided(Fence fence, long id, String action, String topic, double confidence, String reason,
                        String modelVersion, String replyTo, String replyMessageId, boolean pilotDraft) {
        Fencing.update(sql, fence, "UPDATE handled_message SET stage = 'DECIDED', action = ?, topic = ?, confidence = ?, "
                        + "reason = ?, model_version = ?, reply_to = ?, reply_message_id = ?, pilot_draft = ?, updated_at = ? "
                        + "WHERE id = ?",
                action, topic, confidence, cut(reason), modelVersion, cut(lower(replyTo)), cut(replyMessageId), pilotDraft,
                System.currentTimeMillis(), id);
    }

    public void stage(long id, Stage stage) {
        stage(Fence.NONE, id, stage);
    }

    public void stage(Fence fence, long id, Stage stage) {
        Fencing.update(sql, fence, "UPDATE handled_message SET stage = ?, updated_at = ? WHERE id = ?", stage.name(),
                System.currentTimeMillis(), id);
    }

    /** Turns a decision into a flag for the clerk (a reply that can no longer be sent safely, or may have been). */
    public void redecideAsFlag(long id, String reason) {
        redecideAsFlag(Fence.NONE, id, reason);
    }

    public void redecideAsFlag(Fence fence, long id, String reason) {
        Fencing.update(sql, fence, "UPDATE handled_message SET stage = 'DECIDED', action = 'flag', reason = ?, updated_at = ? "
                + "WHERE id = ?", cut(reason), System.currentTimeMillis(), id);
    }

    /** {@code uidValidity} and {@code uid}: where the message landed in {@code folder}, -1 when the server did not say. */
    public void filed(long id, String folder, long uidValidity, long uid) {
        filed(Fence.NONE, id, folder, uidValidity, uid);
    }

    public void filed(Fence fence, long id, String folder, long uidValidity, long uid) {
        Fencing.update(sql, fence, "UPDATE handled_message SET stage = 'FILED', folder = ?, filed_uid_validity = ?, "
                        + "filed_uid = ?, updated_at = ? WHERE id = ?", folder, uidValidity > 0 ? uidValidity : null,
                uid > 0 ? uid : null, System.currentTimeMillis(), id);
    }

    /** Whether the fence's lease is still held and not expired, by the database's clock (true without a lease). */
    public boolean holdsLease(Fence fence) {
        return Fencing.valid(sql, fence);
    }

    public List<HandledMessage> all() {
        return sql.list("SELECT * FROM handled_message ORDER BY id", Messages::row);
    }

    /** The latest decision recorded for a Message-ID (what the responder suggested when it flagged it). */
    public Optional<HandledMessage> latestFor(String messageId) {
        if (messageId == null) return Optional.empty();
        return one("SELECT * FROM handled_message WHERE message_id = ? ORDER BY id DESC LIMIT 1", messageId);
    }

    /**
     * The record of the message now at {@code uid} in {@code folder} of {@code mailbox} (its journal key). Where the
     * server did not report the new UID, a record with the same Message-ID, sender and subject: a Message-ID alone
     * is the sender's to choose, and a message reusing another's must not show the other's reason. The mailbox is
     * part of the key because two accounts may well have equal UIDVALIDITY and UIDs (servers derive UIDVALIDITY
     * from the time a folder was made, and number every folder from 1).
     */
    public Optional<HandledMessage> filedAt(String mailbox, String folder, long uidValidity, long uid, String messageId,
                                            String sender, String subject) {
        Optional<HandledMessage> byUid = one("SELECT * FROM handled_message WHERE folder = ? AND filed_uid_validity = ? "
                + "AND filed_uid = ? AND mailbox = ? ORDER BY id DESC LIMIT 1", folder, uidValidity, uid, mailbox);
        if (byUid.isPresent() || messageId == null) return byUid;
        return one("SELECT * FROM handled_message WHERE folder = ? AND filed_uid IS NULL AND message_id = ? AND sender = ? "
                + "AND subject = ? AND mailbox = ? ORDER BY id DESC LIMIT 1", folder, cut(messageId), cut(sender), cut(subject),
                mailbox);
    }

    /**
     * The records of many messages of the clerks' folder at once (the queue page): by folder, UIDVALIDITY and UID,
     * and for a record whose new UID the server did not report, by the same Message-ID, sender and subject as
     * {@link #filedAt}. One range scan of the folder's index between the lowest and highest UID listed (UIDs only
     * grow, so that is the mail filed since the oldest message waiting), instead of one query per message; an IN
     * list of 500 parameters measured slower on H2 than the range. Keyed by the message's UID in the folder; only
     * records of {@code mailbox}, as in {@link #filedAt}.
     */
    public Map<Long, HandledMessage> filedAtAll(String mailbox, String folder, long uidValidity, List<FiledKey> keys) {
        Map<Long, HandledMessage> out = new HashMap<>();
        if (keys.isEmpty()) return out;
        Set<Long> wanted = new HashSet<>();
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (FiledKey k : keys) {
            wanted.add(k.uid());
            low = Math.min(low, k.uid());
            high = Math.max(high, k.uid());
        }
        for (HandledMessage h : sql.list("SELECT * FROM handled_message WHERE folder = ? AND filed_uid_validity = ? "
                + "AND filed_uid BETWEEN ? AND ? AND mailbox = ? ORDER BY id", Messages::row, folder, uidValidity, low, high, mailbox)) {
            if (wanted.contains(h.filedUid())) out.put(h.filedUid(), h); // the latest record wins, as in filedAt
        }
        List<FiledKey> rest = keys.stream().filter(k -> !out.containsKey(k.uid()) && k.messageId() != null).toList();
        Map<String, HandledMessage> byContent = new HashMap<>();
        for (List<FiledKey> part : Sql.chunks(rest)) {
            Object[] args = new Object[part.size() + 2];
            args[0] = folder;
            args[1] = mailbox;
            for (int i = 0; i < part.size(); i++) args[i + 2] = cut(part.get(i).messageId());
            for (HandledMessage h : sql.list("SELECT * FROM handled_message WHERE folder = ? AND mailbox = ? AND filed_uid IS NULL "
                    + "AND message_id IN (" + Sql.marks(part.size()) + ") ORDER BY id", Messages::row, args)) {
                byContent.put(h.messageId() + "\n" + h.sender() + "\n" + h.subject(), h);
            }
        }
        for (FiledKey k : rest) {
            HandledMessage h = byContent.get(cut(k.messageId()) + "\n" + cut(k.sender()) + "\n" + cut(k.subject()));
            if (h != null) out.put(k.uid(), h);
        }
        return out;
    }

    /** A message of the clerks' folder as listed, to find its record by. */
    public record FiledKey(long uid, String messageId, String sender, String subject) {
    }

    private Optional<HandledMessage> one(String statement, Object... args) {
        return sql.first(statement, Messages::row, args);
    }

    static HandledMessage row(ResultSet r) throws SQLException {
        return new HandledMessage(r.getLong("id"), r.getString("mailbox"), r.getLong("uid_validity"),
                r.getLong("uid"), r.getString("message_id"), r.getString("sender"), r.getString("subject"),
                Stage.valueOf(r.getString("stage")), r.getString("action"), r.getString("topic"),
                r.getDouble("confidence"), r.getString("reason"), r.getString("model_version"),
                r.getString("reply_to"), r.getString("reply_message_id"), r.getString("folder"),
                r.getLong("received_at"), r.getLong("updated_at"), r.getBoolean("pilot_draft"), r.getLong("filed_uid"));
    }
}
