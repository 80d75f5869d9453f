package mailclerk.queue;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The responder's memory, in the {@link Database} (an embedded H2 file under {@code data.dir} by default, or the
 * PostgreSQL database that two nodes share): every message handled and the stage it reached, and the UID mark
 * of each mailbox. Every write is its own committed transaction (H2 writes each commit through), so a kill right
 * after a call returns cannot lose it. Each statement borrows a connection from the pool for as long as it is open.
 */
public final class Journal implements AutoCloseable {
    private static final int TEXT = 1000;
    private final Database database;
    private final DataSource db;
    private final boolean owned;
    /** The connection of the transaction this thread is in ({@link #inTransaction}), or null: every write commits. */
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

    private Journal(Database database, boolean owned) {
        this.database = database;
        this.db = database.dataSource();
        this.owned = owned;
    }

    /** The embedded journal under {@code dataDir}, closed with the journal. */
    public static Journal open(Path dataDir) {
        return new Journal(Database.embedded(dataDir), true);
    }

    /** A journal that closes {@code database} when it is closed. */
    public static Journal owning(Database database) {
        return new Journal(database, true);
    }

    /** A journal on a database that its opener closes. */
    public static Journal open(Database database) {
        return new Journal(database, false);
    }

    public Database database() {
        return database;
    }

    /**
     * Runs {@code work} as one transaction on one connection: its writes are committed together when it returns,
     * and none of them when it throws. For the stages that need not be durable one by one (RECEIVED, DECIDED,
     * FILED of a batch); SENDING and SENT are committed on their own, outside, before and after SMTP.
     */
    public <T> T inTransaction(java.util.function.Supplier<T> work) {
        if (transaction.get() != null) return work.get();
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            transaction.set(c);
            try {
                T result = work.get();
                c.commit();
                return result;
            } catch (RuntimeException | Error e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is going back to the pool broken; the pool replaces it
                }
                throw e;
            } finally {
                transaction.remove();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    public Optional<MailboxMark> mark(String mailbox) {
        try (PreparedStatement p = statement("SELECT uid_validity, last_uid FROM mailbox_mark WHERE mailbox = ?")) {
            p.setString(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new MailboxMark(r.getLong(1), r.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    public void saveMark(String mailbox, MailboxMark mark) {
        long now = System.currentTimeMillis();
        upsert("UPDATE mailbox_mark SET uid_validity = ?, last_uid = ?, updated_at = ? WHERE mailbox = ?",
                new Object[] {mark.uidValidity(), mark.lastUid(), now, mailbox},
                "INSERT INTO mailbox_mark (mailbox, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?)",
                new Object[] {mailbox, mark.uidValidity(), mark.lastUid(), now});
    }

    /** Update, else insert; a second node inserting first (SQLState 23505) makes it an update after all. */
    private void upsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try (PreparedStatement u = prepare(update, updateArgs)) {
                if (u.executeUpdate() > 0) return;
            } catch (SQLException e) {
                throw fail(e);
            }
            Connection tx = transaction.get();
            java.sql.Savepoint before = null;
            try (PreparedStatement i = prepare(insert, insertArgs)) {
                if (tx != null) before = tx.setSavepoint(); // see received(): a duplicate must only undo itself
                i.executeUpdate();
                return;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) throw fail(e);
                try {
                    if (before != null) tx.rollback(before);
                } catch (SQLException r) {
                    throw fail(r);
                }
            }
        }
        throw new JournalException("journal: could not write " + update, null);
    }

    public Optional<HandledMessage> find(String mailbox, long uidValidity, long uid) {
        return one("SELECT * FROM handled_message WHERE mailbox = ? AND uid_validity = ? AND uid = ?", mailbox, uidValidity, uid);
    }

    public HandledMessage received(String mailbox, long uidValidity, long uid, String messageId, String sender, String subject) {
        return received(Fence.NONE, mailbox, uidValidity, uid, messageId, sender, subject);
    }

    /** The first record of a message; a second node recording it at the same time gets the first one's record. */
    public HandledMessage received(Fence fence, String mailbox, long uidValidity, long uid, String messageId, String sender,
                                   String subject) {
        long now = System.currentTimeMillis();
        Object[] args = {mailbox, uidValidity, uid, cut(messageId), cut(sender), cut(lower(sender)), cut(subject), now, now};
        String sql = "INSERT INTO handled_message (mailbox, uid_validity, uid, message_id, sender, sender_lc, subject, stage, "
                + "received_at, updated_at) SELECT ?, ?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?";
        Connection tx = transaction.get();
        java.sql.Savepoint before = null;
        try (PreparedStatement p = fence.checked() ? prepare(sql + " WHERE " + LEASE_HELD, concat(args, fence.mailbox(), fence.token()))
                : prepare(sql, args)) {
            // PostgreSQL aborts a whole transaction on a failed statement: a duplicate must only undo itself
            if (tx != null) before = tx.setSavepoint();
            if (p.executeUpdate() == 0) throw new LeaseLostException(fence.mailbox());
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw fail(e);
            try {
                if (before != null) tx.rollback(before);
            } catch (SQLException r) {
                throw fail(r);
            }
        }
        return find(mailbox, uidValidity, uid).orElseThrow();
    }

    /** The lease still belongs to the fence's token (a takeover makes the token grow). */
    private static final String LEASE_HELD = "EXISTS (SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND token = ?)";

    private static Object[] concat(Object[] a, Object... b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** An update of one row that fails, changing nothing, once the fence's lease has been taken over. */
    private void fenced(Fence fence, String sql, Object... args) {
        if (!fence.checked()) {
            update(sql, args);
            return;
        }
        try (PreparedStatement p = prepare(sql + " AND " + LEASE_HELD, concat(args, fence.mailbox(), fence.token()))) {
            if (p.executeUpdate() == 0) throw new LeaseLostException(fence.mailbox());
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /**
     * Claims the right to send the reply for this message: only from DECIDED, only while the lease is held and not
     * expired. False when the message is no longer waiting for its reply; LeaseLostException when the lease is gone.
     */
    public boolean claimSending(Fence fence, long id) {
        String sql = "UPDATE handled_message SET stage = 'SENDING', lease_token = ?, updated_at = ? WHERE id = ? "
                + "AND stage = 'DECIDED' AND action = 'reply'";
        Object[] args = {fence.token(), System.currentTimeMillis(), id};
        if (!fence.checked()) {
            try (PreparedStatement p = prepare(sql, args)) {
                return p.executeUpdate() == 1;
            } catch (SQLException e) {
                throw fail(e);
            }
        }
        try (PreparedStatement p = prepare(sql + " AND EXISTS (SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND token = ? "
                + "AND expires_at > " + Leases.DB_NOW + ")", concat(args, fence.mailbox(), fence.token()))) {
            if (p.executeUpdate() == 1) return true;
        } catch (SQLException e) {
            throw fail(e);
        }
        if (!leaseValid(fence)) throw new LeaseLostException(fence.mailbox());
        return false;
    }

    /** Whether the fence's lease is still held and not expired, by the database's clock (true without a lease). */
    public boolean holdsLease(Fence fence) {
        return !fence.checked() || leaseValid(fence);
    }

    private boolean leaseValid(Fence fence) {
        return exists("SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND token = ? AND expires_at > " + Leases.DB_NOW,
                fence.mailbox(), fence.token());
    }

    /** Records the decision; a reply's recipient and Message-ID are fixed here, before anything is sent. */
    public void decided(long id, String action, String topic, double confidence, String reason, String modelVersion,
                        String replyTo, String replyMessageId) {
        decided(id, action, topic, confidence, reason, modelVersion, replyTo, replyMessageId, false);
    }

    /** As above; {@code pilotDraft}: a would-be reply the pilot mode held for a clerk. */
    public void decided(long id, String action, String topic, double confidence, String reason, String modelVersion,
                        String replyTo, String replyMessageId, boolean pilotDraft) {
        decided(Fence.NONE, id, action, topic, confidence, reason, modelVersion, replyTo, replyMessageId, pilotDraft);
    }

    public void decided(Fence fence, long id, String action, String topic, double confidence, String reason,
                        String modelVersion, String replyTo, String replyMessageId, boolean pilotDraft) {
        fenced(fence, "UPDATE handled_message SET stage = 'DECIDED', action = ?, topic = ?, confidence = ?, reason = ?, "
                        + "model_version = ?, reply_to = ?, reply_message_id = ?, pilot_draft = ?, updated_at = ? WHERE id = ?",
                action, topic, confidence, cut(reason), modelVersion, cut(lower(replyTo)), cut(replyMessageId), pilotDraft,
                System.currentTimeMillis(), id);
    }

    public Optional<String> refreshToken(String key) {
        try (PreparedStatement p = prepare("SELECT refresh_token FROM oauth_token WHERE token_key = ?", key);
             ResultSet r = p.executeQuery()) {
            return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Saves a rotated refresh token at once (committed: the identity provider has already retired the old one). */
    public void saveRefreshToken(String key, String token) {
        long now = System.currentTimeMillis();
        upsert("UPDATE oauth_token SET refresh_token = ?, updated_at = ? WHERE token_key = ?", new Object[] {token, now, key},
                "INSERT INTO oauth_token (token_key, refresh_token, updated_at) VALUES (?,?,?)", new Object[] {key, token, now});
    }

    /**
     * The clerk's verdict on a pilot draft: {@code confirmed} (the suggested answer was right) or {@code corrected}
     * ({@code clerkTopic} was right instead; null when a person had to answer). The first verdict stands; returns
     * false when there already was one.
     */
    public boolean pilotVerdict(long handledId, String topic, boolean confirmed, String clerkTopic, String clerk) {
        try (PreparedStatement p = statement(
                "INSERT INTO pilot_verdict (handled_id, topic, verdict, clerk_topic, clerk, at) VALUES (?,?,?,?,?,?)")) {
            p.setLong(1, handledId);
            p.setString(2, topic);
            p.setString(3, confirmed ? "confirmed" : "corrected");
            p.setString(4, clerkTopic);
            p.setString(5, cut(clerk));
            p.setLong(6, System.currentTimeMillis());
            p.executeUpdate();
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false;
            throw fail(e);
        }
    }

    public boolean hasPilotVerdict(long handledId) {
        return exists("SELECT 1 FROM pilot_verdict WHERE handled_id = ?", handledId);
    }

    /** Pilot drafts decided since {@code since}, each with its verdict if a clerk gave one. */
    public List<PilotDraft> pilotDrafts(Instant since) {
        try (PreparedStatement p = prepare("""
                SELECT h.topic, v.verdict, v.clerk_topic FROM handled_message h
                  LEFT JOIN pilot_verdict v ON v.handled_id = h.id
                 WHERE h.pilot_draft AND h.received_at >= ?""", since.toEpochMilli());
             ResultSet r = p.executeQuery()) {
            List<PilotDraft> out = new ArrayList<>();
            while (r.next()) out.add(new PilotDraft(r.getString(1), r.getString(2), r.getString(3)));
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** How many messages clerks answered with each topic since {@code since} (sent from the console or by hand). */
    public java.util.Map<String, Integer> clerkAnswersByTopic(Instant since) {
        try (PreparedStatement p = prepare("""
                SELECT topic, COUNT(*) FROM clerk_action
                 WHERE done AND action IN ('send', 'answered-by-hand') AND topic IS NOT NULL AND at >= ?
                 GROUP BY topic""", since.toEpochMilli());
             ResultSet r = p.executeQuery()) {
            java.util.Map<String, Integer> out = new java.util.TreeMap<>();
            while (r.next()) out.put(r.getString(1), r.getInt(2));
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    public void stage(long id, Stage stage) {
        stage(Fence.NONE, id, stage);
    }

    public void stage(Fence fence, long id, Stage stage) {
        fenced(fence, "UPDATE handled_message SET stage = ?, updated_at = ? WHERE id = ?", stage.name(), System.currentTimeMillis(), id);
    }

    /** Turns a decision into a flag for the clerk (a reply that can no longer be sent safely, or may have been). */
    public void redecideAsFlag(long id, String reason) {
        redecideAsFlag(Fence.NONE, id, reason);
    }

    public void redecideAsFlag(Fence fence, long id, String reason) {
        fenced(fence, "UPDATE handled_message SET stage = 'DECIDED', action = 'flag', reason = ?, updated_at = ? WHERE id = ?",
                cut(reason), System.currentTimeMillis(), id);
    }

    /** {@code uidValidity} and {@code uid}: where the message landed in {@code folder}, -1 when the server did not say. */
    public void filed(long id, String folder, long uidValidity, long uid) {
        filed(Fence.NONE, id, folder, uidValidity, uid);
    }

    public void filed(Fence fence, long id, String folder, long uidValidity, long uid) {
        fenced(fence, "UPDATE handled_message SET stage = 'FILED', folder = ?, filed_uid_validity = ?, filed_uid = ?, updated_at = ? "
                + "WHERE id = ?", folder, uidValidity > 0 ? uidValidity : null, uid > 0 ? uid : null, System.currentTimeMillis(), id);
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
    public java.util.Map<Long, HandledMessage> filedAtAll(String mailbox, String folder, long uidValidity, List<FiledKey> keys) {
        java.util.Map<Long, HandledMessage> out = new java.util.HashMap<>();
        if (keys.isEmpty()) return out;
        java.util.Set<Long> wanted = new java.util.HashSet<>();
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (FiledKey k : keys) {
            wanted.add(k.uid());
            low = Math.min(low, k.uid());
            high = Math.max(high, k.uid());
        }
        try (PreparedStatement p = prepare("SELECT * FROM handled_message WHERE folder = ? AND filed_uid_validity = ? "
                + "AND filed_uid BETWEEN ? AND ? AND mailbox = ? ORDER BY id", folder, uidValidity, low, high, mailbox);
             ResultSet r = p.executeQuery()) {
            while (r.next()) {
                long uid = r.getLong("filed_uid");
                if (wanted.contains(uid)) out.put(uid, row(r)); // the latest record wins, as in filedAt
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        List<FiledKey> rest = keys.stream().filter(k -> !out.containsKey(k.uid()) && k.messageId() != null).toList();
        java.util.Map<String, HandledMessage> byContent = new java.util.HashMap<>();
        for (List<FiledKey> part : chunks(rest)) {
            Object[] args = new Object[part.size() + 2];
            args[0] = folder;
            args[1] = mailbox;
            for (int i = 0; i < part.size(); i++) args[i + 2] = cut(part.get(i).messageId());
            for (HandledMessage h : many("SELECT * FROM handled_message WHERE folder = ? AND mailbox = ? AND filed_uid IS NULL "
                    + "AND message_id IN (" + marks(part.size()) + ") ORDER BY id", args)) {
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

    /** Parameters per IN list: well within every database's limit, and few queries for a long queue. */
    static final int IN_LIST = 500;

    private static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) out.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        return out;
    }

    private static String marks(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Of these records, the ones a clerk already gave a pilot verdict on. */
    public java.util.Set<Long> withPilotVerdict(java.util.Collection<Long> handledIds) {
        java.util.Set<Long> out = new java.util.HashSet<>();
        for (List<Long> part : chunks(List.copyOf(handledIds))) {
            try (PreparedStatement p = prepare("SELECT handled_id FROM pilot_verdict WHERE handled_id IN (" + marks(part.size())
                    + ")", part.toArray()); ResultSet r = p.executeQuery()) {
                while (r.next()) out.add(r.getLong(1));
            } catch (SQLException e) {
                throw fail(e);
            }
        }
        return out;
    }

    /**
     * Claims a queued message of {@code mailbox} for {@code clerk} unless another clerk's claim is younger than
     * {@code lapse}. Returns the claim that holds afterwards: the clerk's own, or the other clerk's. A claim is advice
     * to the other clerks and nothing more: the clerk_action key alone decides who acts first.
     */
    public Claim claim(String mailbox, String queueKey, String clerk, Instant now, java.time.Duration lapse) {
        try (PreparedStatement p = prepare("INSERT INTO clerk_claim (mailbox, queue_key, clerk, at) VALUES (?, ?, ?, ?)",
                mailbox, cut(queueKey), cut(clerk), now.toEpochMilli())) {
            p.executeUpdate();
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw fail(e);
            update("UPDATE clerk_claim SET clerk = ?, at = ? WHERE mailbox = ? AND queue_key = ? AND (clerk = ? OR at < ?)",
                    cut(clerk), now.toEpochMilli(), mailbox, cut(queueKey), cut(clerk), now.minus(lapse).toEpochMilli());
        }
        return claims(mailbox, List.of(queueKey), now, lapse).get(queueKey);
    }

    /** Ends a claim: the clerk's own, or anyone's when {@code anyone} (an administrator). False when there was none. */
    public boolean releaseClaim(String mailbox, String queueKey, String clerk, boolean anyone) {
        String sql = "DELETE FROM clerk_claim WHERE mailbox = ? AND queue_key = ?" + (anyone ? "" : " AND clerk = ?");
        try (PreparedStatement p = anyone ? prepare(sql, mailbox, cut(queueKey)) : prepare(sql, mailbox, cut(queueKey), cut(clerk))) {
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** The claims younger than {@code lapse} among these queue keys of {@code mailbox}, by queue key. */
    public java.util.Map<String, Claim> claims(String mailbox, java.util.Collection<String> queueKeys, Instant now,
                                               java.time.Duration lapse) {
        java.util.Map<String, Claim> out = new java.util.HashMap<>();
        for (List<String> part : chunks(List.copyOf(queueKeys))) {
            Object[] args = new Object[part.size() + 2];
            args[0] = mailbox;
            for (int i = 0; i < part.size(); i++) args[i + 1] = cut(part.get(i));
            args[part.size() + 1] = now.minus(lapse).toEpochMilli();
            try (PreparedStatement p = prepare("SELECT queue_key, clerk, at FROM clerk_claim WHERE mailbox = ? AND queue_key IN ("
                    + marks(part.size()) + ") AND at >= ?", args); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), new Claim(mailbox, r.getString(1), r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
                }
            } catch (SQLException e) {
                throw fail(e);
            }
        }
        return out;
    }

    /**
     * A clerk's action on a journal record: in the record's mailbox, or '' for an action recorded before actions had
     * a mailbox (V5) in a journal that already held several (the migration gave a lone mailbox's actions its name).
     */
    private static final String SAME_MAILBOX = "(c.mailbox = h.mailbox OR c.mailbox = '')";

    /** Earlier messages from {@code address} (any case), newest first, without the record {@code exceptId}. */
    public List<SenderHistoryEntry> senderHistory(String address, long exceptId, int limit) {
        if (address == null || address.isBlank()) return List.of();
        String sql = "SELECT h.received_at, h.subject, h.action, h.topic, h.reason, c.clerk, c.action, c.topic, c.at "
                + "FROM handled_message h LEFT JOIN clerk_action c ON c.done AND h.filed_uid IS NOT NULL "
                + "AND c.queue_key = CONCAT(h.filed_uid_validity, ':', h.filed_uid) AND " + SAME_MAILBOX + " "
                + "WHERE h.sender_lc = ? AND h.id <> ? ORDER BY h.received_at DESC, h.id DESC LIMIT ?";
        try (PreparedStatement p = prepare(sql, cut(lower(address.strip())), exceptId, limit); ResultSet r = p.executeQuery()) {
            List<SenderHistoryEntry> out = new ArrayList<>();
            while (r.next()) {
                long clerkAt = r.getLong(9);
                out.add(new SenderHistoryEntry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                        r.getString(4), r.getString(5), r.getString(6), r.getString(7), r.getString(8),
                        clerkAt == 0 ? null : Instant.ofEpochMilli(clerkAt)));
            }
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** The reply we sent (automatic, or by a clerk) whose Message-ID is one of {@code messageIds}; the latest if several. */
    public Optional<EarlierReply> replyAmong(List<String> messageIds) {
        List<String> ids = messageIds.stream().map(Journal::cut).distinct().limit(IN_LIST).toList();
        if (ids.isEmpty()) return Optional.empty();
        String in = marks(ids.size());
        String sql = "SELECT updated_at AS at, 'mailclerk' AS by, topic, subject, reply_to FROM handled_message "
                + "WHERE reply_message_id IN (" + in + ") AND action = 'reply' AND stage IN ('SENT','FILED') "
                + "UNION ALL SELECT at, clerk, topic, subject, recipient FROM clerk_action "
                + "WHERE reply_message_id IN (" + in + ") AND done ORDER BY at DESC LIMIT 1";
        Object[] args = new Object[ids.size() * 2];
        for (int i = 0; i < ids.size(); i++) {
            args[i] = ids.get(i);
            args[ids.size() + i] = ids.get(i);
        }
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            if (!r.next()) return Optional.empty();
            return Optional.of(new EarlierReply(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                    r.getString(4), r.getString(5)));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Every message received since {@code since}, with when a clerk acted on it: the dashboard's raw figures. */
    public List<Activity> activity(Instant since) {
        String sql = "SELECT h.received_at, h.action, h.stage, h.topic, c.at FROM handled_message h "
                + "LEFT JOIN clerk_action c ON c.done AND h.filed_uid IS NOT NULL "
                + "AND c.queue_key = CONCAT(h.filed_uid_validity, ':', h.filed_uid) AND " + SAME_MAILBOX
                + " WHERE h.received_at >= ?";
        try (PreparedStatement p = prepare(sql, since.toEpochMilli()); ResultSet r = p.executeQuery()) {
            List<Activity> out = new ArrayList<>();
            while (r.next()) {
                String stage = r.getString(3);
                out.add(new Activity(r.getLong(1), r.getString(2), "SENT".equals(stage) || "FILED".equals(stage),
                        r.getString(4), r.getLong(5)));
            }
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** When clerks answered (sent a reply or answered by hand) since {@code since}, in epoch milliseconds. */
    public List<Long> clerkAnswerTimes(Instant since) {
        try (PreparedStatement p = prepare("SELECT at FROM clerk_action WHERE done AND action IN ('send', 'answered-by-hand') "
                + "AND at >= ?", since.toEpochMilli()); ResultSet r = p.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (r.next()) out.add(r.getLong(1));
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /**
     * What the decision on a message that came to {@code mailbox} (its journal key) knows of replies already sent.
     * Rate limits count that mailbox's automatic replies only: a filer writing to the intake desk is not held back
     * by answers from the CM/ECF help desk. Whether a Message-ID was already answered, and whether a reference is one
     * of our replies, is looked up in every mailbox: one message sent to both desks gets one automatic reply, never
     * two, and a follow-up to either desk's answer goes to a clerk.
     */
    public ReplyHistory replyHistory(String mailbox) {
        return new ReplyHistory() {
            @Override
            public boolean isOurReply(String messageId) {
                return Journal.this.isOurReply(messageId);
            }

            @Override
            public boolean alreadyAnswered(String messageId) {
                return Journal.this.alreadyAnswered(messageId);
            }

            @Override
            public int repliesTo(String address, Instant since) {
                return Journal.this.repliesTo(mailbox, address, since);
            }

            @Override
            public boolean repliedOnTopic(String address, String topic, Instant since) {
                return Journal.this.repliedOnTopic(mailbox, address, topic, since);
            }
        };
    }

    /** Whether {@code messageId} is one of our automatic replies, from any mailbox. */
    public boolean isOurReply(String messageId) {
        return messageId != null && exists("SELECT 1 FROM handled_message WHERE reply_message_id = ? AND stage IN ('SENDING','SENT','FILED') AND action = 'reply'", messageId);
    }

    /** Whether a message with this Message-ID got (or may have got) an automatic reply, in any mailbox. */
    public boolean alreadyAnswered(String messageId) {
        return messageId != null && exists("SELECT 1 FROM handled_message WHERE message_id = ? AND action = 'reply' AND stage IN ('SENDING','SENT','FILED')", messageId);
    }

    /** Automatic replies from {@code mailbox} to {@code address} since {@code since}. */
    public int repliesTo(String mailbox, String address, Instant since) {
        return count("SELECT COUNT(*) FROM handled_message WHERE reply_to = ? AND mailbox = ? AND action = 'reply' AND stage IN ('SENDING','SENT','FILED') AND updated_at >= ?",
                lower(address), mailbox, since.toEpochMilli());
    }

    /** Whether {@code mailbox} sent {@code address} an automatic reply on {@code topic} since {@code since}. */
    public boolean repliedOnTopic(String mailbox, String address, String topic, Instant since) {
        return count("SELECT COUNT(*) FROM handled_message WHERE reply_to = ? AND mailbox = ? AND topic = ? AND action = 'reply' AND stage IN ('SENDING','SENT','FILED') AND updated_at >= ?",
                lower(address), mailbox, topic, since.toEpochMilli()) > 0;
    }

    /** The latest decision recorded for a Message-ID (what the responder suggested when it flagged it). */
    public Optional<HandledMessage> latestFor(String messageId) {
        if (messageId == null) return Optional.empty();
        return one("SELECT * FROM handled_message WHERE message_id = ? ORDER BY id DESC LIMIT 1", messageId);
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
        if (exists("SELECT 1 FROM clerk_action WHERE mailbox = '' AND queue_key = ?", cut(queueKey))) return -1;
        try (PreparedStatement p = statement("""
                INSERT INTO clerk_action (mailbox, queue_key, clerk, action, message_id, sender, subject, topic, confidence,
                  model_version, recipient, reply_message_id, at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                Statement.RETURN_GENERATED_KEYS)) {
            Object[] args = {mailbox, cut(queueKey), cut(clerk), action, cut(messageId), cut(sender), cut(subject), topic,
                confidence, modelVersion, cut(lower(recipient)), cut(replyMessageId), System.currentTimeMillis()};
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return k.getLong(1);
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return -1; // unique key: someone else was first
            throw fail(e);
        }
    }

    /** Forgets a claimed action that certainly did not happen (SMTP refused the reply before taking it). */
    public void releaseClerkAction(long id) {
        update("DELETE FROM clerk_action WHERE id = ? AND NOT done", id);
    }

    public void clerkActionDone(long id) {
        update("UPDATE clerk_action SET done = TRUE WHERE id = ?", id);
    }

    /** Every reply that went out from any mailbox, newest first: automatic ones and those sent by clerks. */
    public List<AuditEntry> replies(String sender, String topic, Instant from, Instant to, int limit) {
        return replies(null, sender, topic, from, to, limit);
    }

    /**
     * Every reply that went out, newest first: automatic ones and those sent by clerks. Filters may be null;
     * {@code mailbox} is a journal key (null or blank: every mailbox).
     */
    public List<AuditEntry> replies(String mailbox, String sender, String topic, Instant from, Instant to, int limit) {
        String m = mailbox == null ? "" : mailbox.strip();
        String s = sender == null || sender.isBlank() ? "%" : "%" + lower(sender.strip()) + "%";
        String t = topic == null || topic.isBlank() ? "%" : topic.strip();
        long f = from == null ? 0 : from.toEpochMilli();
        long u = to == null ? Long.MAX_VALUE : to.toEpochMilli();
        String sql = """
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
                ORDER BY at DESC LIMIT ?""";
        try (PreparedStatement p = prepare(sql, s, t, f, u, m, m, s, t, f, u, m, m, limit); ResultSet r = p.executeQuery()) {
            List<AuditEntry> out = new ArrayList<>();
            while (r.next()) {
                out.add(new AuditEntry(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3), r.getString(4),
                        r.getString(5), r.getDouble(6), r.getString(7), r.getString(8), r.getString(9)));
            }
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    public List<HandledMessage> all() {
        return many("SELECT * FROM handled_message ORDER BY id");
    }

    private Optional<HandledMessage> one(String sql, Object... args) {
        List<HandledMessage> l = many(sql, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private List<HandledMessage> many(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            List<HandledMessage> out = new ArrayList<>();
            while (r.next()) out.add(row(r));
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private static HandledMessage row(ResultSet r) throws SQLException {
        return new HandledMessage(r.getLong("id"), r.getString("mailbox"), r.getLong("uid_validity"),
                r.getLong("uid"), r.getString("message_id"), r.getString("sender"), r.getString("subject"),
                Stage.valueOf(r.getString("stage")), r.getString("action"), r.getString("topic"),
                r.getDouble("confidence"), r.getString("reason"), r.getString("model_version"),
                r.getString("reply_to"), r.getString("reply_message_id"), r.getString("folder"),
                r.getLong("received_at"), r.getLong("updated_at"), r.getBoolean("pilot_draft"));
    }

    private boolean exists(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            return r.next();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private int count(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private void update(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args)) {
            p.executeUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = statement(sql);
        try {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
    }

    private PreparedStatement statement(String sql) throws SQLException {
        return statement(sql, Statement.NO_GENERATED_KEYS);
    }

    /** A statement on a pooled connection that goes back to the pool when the statement is closed. */
    private PreparedStatement statement(String sql, int keys) throws SQLException {
        Connection tx = transaction.get();
        if (tx != null) {
            // inside inTransaction: the statement closes, the transaction's connection stays
            return keys == Statement.RETURN_GENERATED_KEYS ? tx.prepareStatement(sql, new String[] {"id"}) : tx.prepareStatement(sql);
        }
        Connection c = db.getConnection();
        try {
            PreparedStatement p = keys == Statement.RETURN_GENERATED_KEYS ? c.prepareStatement(sql, new String[] {"id"})
                    : c.prepareStatement(sql);
            return (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(Journal.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, args) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            try {
                                p.close();
                            } finally {
                                c.close();
                            }
                            return null;
                        }
                        try {
                            return method.invoke(p, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    private static String cut(String s) {
        return s == null || s.length() <= TEXT ? s : s.substring(0, TEXT);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static JournalException fail(SQLException e) {
        return new JournalException("journal: " + e.getMessage(), e);
    }

    @Override
    public void close() {
        if (owned) database.close();
    }
}
