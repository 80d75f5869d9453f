package mailclerk.queue;

import static mailclerk.queue.Sql.cut;
import static mailclerk.queue.Sql.lower;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What clerks do with the messages in their queue: each action recorded before it is carried out (its key makes a
 * second click or a second clerk a no-op), and the "I am on it" claims, which are advice to the other clerks only.
 */
public final class ClerkQueue {
    private final Sql sql;

    ClerkQueue(Sql sql) {
        this.sql = sql;
    }

    /**
     * Records a clerk's action on a queued message of {@code mailbox} (its journal key) before it is carried out.
     * Returns -1 when the message (identified by {@code queueKey}: the queue folder's UIDVALIDITY and UID) was
     * already acted on: a double click or two clerks at once never send two replies.
     */
    public long claimClerkAction(String mailbox, String queueKey, String clerk, String action, String messageId, String sender,
                                 String subject, String topic, double confidence, String modelVersion, String recipient,
                                 String replyMessageId) {
        // an action recorded before actions had a mailbox, which the migration could not name (see V5): still the guard
        if (sql.exists("SELECT 1 FROM clerk_action WHERE mailbox = '' AND queue_key = ?", cut(queueKey))) return -1;
        return sql.insertReturningId("""
                INSERT INTO clerk_action (mailbox, queue_key, clerk, action, message_id, sender, subject, topic, confidence,
                  model_version, recipient, reply_message_id, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                mailbox, cut(queueKey), cut(clerk), action, cut(messageId), cut(sender), cut(subject), topic, confidence,
                modelVersion, cut(lower(recipient)), cut(replyMessageId), System.currentTimeMillis()).orElse(-1L);
    }

    /** Forgets a claimed action that certainly did not happen (SMTP refused the reply before taking it). */
    public void releaseClerkAction(long id) {
        sql.update("DELETE FROM clerk_action WHERE id = ? AND NOT done", id);
    }

    public void clerkActionDone(long id) {
        sql.update("UPDATE clerk_action SET done = TRUE WHERE id = ?", id);
    }

    /**
     * Claims a queued message of {@code mailbox} for {@code clerk} unless another clerk's claim is younger than
     * {@code lapse}. Returns the claim that holds afterwards: the clerk's own, or the other clerk's. A claim is advice
     * to the other clerks and nothing more: the clerk_action key alone decides who acts first.
     */
    public Claim claim(String mailbox, String queueKey, String clerk, Instant now, Duration lapse) {
        if (!sql.insertUnlessDuplicate("INSERT INTO clerk_claim (mailbox, queue_key, clerk, at) VALUES (?, ?, ?, ?)",
                mailbox, cut(queueKey), cut(clerk), now.toEpochMilli())) {
            sql.update("UPDATE clerk_claim SET clerk = ?, at = ? WHERE mailbox = ? AND queue_key = ? AND (clerk = ? OR at < ?)",
                    cut(clerk), now.toEpochMilli(), mailbox, cut(queueKey), cut(clerk), now.minus(lapse).toEpochMilli());
        }
        return claims(mailbox, List.of(queueKey), now, lapse).get(queueKey);
    }

    /** Ends a claim: the clerk's own, or anyone's when {@code anyone} (an administrator). False when there was none. */
    public boolean releaseClaim(String mailbox, String queueKey, String clerk, boolean anyone) {
        return anyone ? sql.update("DELETE FROM clerk_claim WHERE mailbox = ? AND queue_key = ?", mailbox, cut(queueKey)) > 0
                : sql.update("DELETE FROM clerk_claim WHERE mailbox = ? AND queue_key = ? AND clerk = ?", mailbox, cut(queueKey),
                        cut(clerk)) > 0;
    }

    /** The claims younger than {@code lapse} among these queue keys of {@code mailbox}, by queue key. */
    public Map<String, Claim> claims(String mailbox, Collection<String> queueKeys, Instant now, Duration lapse) {
        Map<String, Claim> out = new HashMap<>();
        for (List<String> part : Sql.chunks(List.copyOf(queueKeys))) {
            Object[] args = new Object[part.size() + 2];
            args[0] = mailbox;
            for (int i = 0; i < part.size(); i++) args[i + 1] = cut(part.get(i));
            args[part.size() + 1] = now.minus(lapse).toEpochMilli();
            for (Claim c : sql.list("SELECT queue_key, clerk, at FROM clerk_claim WHERE mailbox = ? AND queue_key IN ("
                    + Sql.marks(part.size()) + ") AND at >= ?", r -> new Claim(mailbox, r.getString(1), r.getString(2),
                    Instant.ofEpochMilli(r.getLong(3))), args)) {
                out.put(c.queueKey(), c);
            }
        }
        return out;
    }
}
