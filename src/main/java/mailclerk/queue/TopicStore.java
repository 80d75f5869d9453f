package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The Topics page's records, in the database so that every node sees them: each topic's state, every version of its
 * approved answer with who wrote and who approved it, and a log of who changed what. Read at each poll.
 */
public final class TopicStore {
    public enum State {
        DRAFT, LIVE, OFF;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<State> of(String word) {
            for (State s : values()) if (s.word().equals(word)) return Optional.of(s);
            return Optional.empty();
        }
    }

    /** A topic's state as last set on the page. */
    public record StateRow(String topic, String title, State state, String changedBy, long changedAt) {
    }

    /** One version of an answer; {@code approvedBy} null while it waits for approval. */
    public record AnswerRow(String topic, int version, String body, String writtenBy, long writtenAt, String approvedBy,
                            Long approvedAt) {
        public boolean approved() {
            return approvedBy != null;
        }
    }

    /** One change made on the page. */
    public record Event(long at, String by, String topic, String what) {
    }

    private final DataSource db;

    public TopicStore(Database database) {
        this.db = database.dataSource();
    }

    /**
     * Every topic's state row. A state that is not one of the three words (a row edited by hand) reads as {@code off}:
     * a row the responder cannot read must stop replies, not fall back to the settings' "all live".
     */
    public Map<String, StateRow> states() {
        Map<String, StateRow> out = new LinkedHashMap<>();
        query("SELECT topic, title, state, changed_by, changed_at FROM topic_state ORDER BY topic", r -> {
            State st = State.of(r.getString(3)).orElse(State.OFF);
            out.put(r.getString(1), new StateRow(r.getString(1), r.getString(2), st, r.getString(4), r.getLong(5)));
        });
        return out;
    }

    /** Sets a topic's state (and title when given), and records who did it. */
    public void setState(String topic, String title, State state, String user, long now, String what) {
        String by = who(user);
        inTransaction(c -> putState(c, topic, title, state, by, now, what));
    }

    /** Writes the topic's state row unless it has one ({@code state} for a topic first given an answer here). */
    public void setStateIfNone(String topic, State state, String user, long now, String what) {
        String by = who(user);
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT 1 FROM topic_state WHERE topic = ?")) {
                p.setString(1, topic);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) return;
                }
            }
            putState(c, topic, null, state, by, now, what);
        });
    }

    private static void putState(Connection c, String topic, String title, State state, String by, long now, String what)
            throws SQLException {
        String keptTitle = title;
        if (keptTitle == null) {
            try (PreparedStatement p = c.prepareStatement("SELECT title FROM topic_state WHERE topic = ?")) {
                p.setString(1, topic);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) keptTitle = r.getString(1);
                }
            }
        }
        run(c, "DELETE FROM topic_state WHERE topic = ?", topic);
        run(c, "INSERT INTO topic_state (topic, title, state, changed_by, changed_at) VALUES (?,?,?,?,?)", topic, keptTitle,
                state.word(), by, now);
        run(c, "INSERT INTO topic_event (at, by_user, topic, what) VALUES (?,?,?,?)", now, by, topic, clip(what));
    }

    /** Every version of a topic's answer, newest first. */
    public List<AnswerRow> answers(String topic) {
        List<AnswerRow> out = new ArrayList<>();
        query("SELECT topic, version, body, written_by, written_at, approved_by, approved_at FROM topic_answer WHERE topic = ? "
                + "ORDER BY version DESC", r -> out.add(answer(r)), topic);
        return out;
    }

    /** The answer in use for each topic that has an approved version: the newest approved one. */
    public Map<String, String> approvedAnswers() {
        Map<String, String> out = new LinkedHashMap<>();
        inUse().forEach((topic, row) -> out.put(topic, row.body()));
        return out;
    }

    /** The version in use for each topic that has an approved one (the newest approved), with its writer and approver. */
    public Map<String, AnswerRow> inUse() {
        Map<String, AnswerRow> out = new LinkedHashMap<>();
        query("SELECT a.topic, a.version, a.body, a.written_by, a.written_at, a.approved_by, a.approved_at FROM topic_answer a "
                + "WHERE a.approved_by IS NOT NULL AND a.version = "
                + "(SELECT MAX(b.version) FROM topic_answer b WHERE b.topic = a.topic AND b.approved_by IS NOT NULL)",
                r -> out.put(r.getString(1), answer(r)));
        return out;
    }

    /**
     * Takes a topic live as {@code by}, who thereby approves the version in use: refused (false) when that version
     * was written by {@code by} and nobody else approved it ({@code secondApproval}), or when the version in use is no
     * longer {@code version} (approve what you read). {@code version} 0: the topic has no version here (its answer
     * ships in templates/).
     */
    public boolean goLive(String topic, int version, boolean secondApproval, String user, long now, String what) {
        String by = who(user);
        boolean[] done = new boolean[1];
        inTransaction(c -> {
            int newest = 0;
            String writer = null;
            String approver = null;
            try (PreparedStatement p = c.prepareStatement("SELECT version, written_by, approved_by FROM topic_answer "
                    + "WHERE topic = ? AND approved_by IS NOT NULL ORDER BY version DESC LIMIT 1 FOR UPDATE")) {
                p.setString(1, topic);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) {
                        newest = r.getInt(1);
                        writer = r.getString(2);
                        approver = r.getString(3);
                    }
                }
            }
            if (newest != version) return;
            if (newest > 0 && secondApproval && writer.equalsIgnoreCase(approver)) {
                if (writer.equalsIgnoreCase(by)) return; // the writer alone: a second administrator must see it
                run(c, "UPDATE topic_answer SET approved_by = ?, approved_at = ? WHERE topic = ? AND version = ?", by, now,
                        topic, newest);
                run(c, "INSERT INTO topic_event (at, by_user, topic, what) VALUES (?,?,?,?)", now, by, topic,
                        "approved answer version " + newest + " by taking the topic live");
            }
            putState(c, topic, null, State.LIVE, by, now, what);
            done[0] = true;
        });
        return done[0];
    }

    /**
     * Writes a new version of a topic's answer; approved at once by its writer when {@code approvedNow}, else it waits
     * for another administrator. Returns its version number. Two writers at once: the second gets an error (the key).
     */
    public int write(String topic, String body, String user, long now, boolean approvedNow, String what) {
        String by = who(user);
        int[] version = new int[1];
        inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM topic_answer WHERE topic = ?")) {
                p.setString(1, topic);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    version[0] = r.getInt(1) + 1;
                }
            }
            run(c, "INSERT INTO topic_answer (topic, version, body, written_by, written_at, approved_by, approved_at) "
                    + "VALUES (?,?,?,?,?,?,?)", topic, version[0], body, by, now, approvedNow ? by : null, approvedNow ? now : null);
            run(c, "INSERT INTO topic_event (at, by_user, topic, what) VALUES (?,?,?,?)", now, by, topic,
                    clip(what + " (version " + version[0] + (approvedNow ? ", in use" : ", waits for a second administrator") + ")"));
        });
        return version[0];
    }

    /**
     * Approves a waiting version. Refused (false) when {@code by} wrote it, when it is already approved, or when a
     * newer version was written since (approve what you read, not what replaced it).
     */
    public boolean approve(String topic, int version, String user, long now) {
        String by = who(user);
        boolean[] done = new boolean[1];
        inTransaction(c -> {
            int n = run(c, "UPDATE topic_answer SET approved_by = ?, approved_at = ? WHERE topic = ? AND version = ? "
                    + "AND approved_by IS NULL AND LOWER(written_by) <> LOWER(?) AND version = "
                    + "(SELECT MAX(version) FROM topic_answer WHERE topic = ?)", by, now, topic, version, by, topic);
            if (n == 1) {
                run(c, "INSERT INTO topic_event (at, by_user, topic, what) VALUES (?,?,?,?)", now, by, topic,
                        "approved answer version " + version + ": in use");
                done[0] = true;
            }
        });
        return done[0];
    }

    /** The newest changes, all topics or one. */
    public List<Event> events(String topic, int limit) {
        List<Event> out = new ArrayList<>();
        String sql = "SELECT at, by_user, topic, what FROM topic_event" + (topic == null ? "" : " WHERE topic = ?")
                + " ORDER BY at DESC";
        RowReader reader = r -> {
            if (out.size() < limit) out.add(new Event(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)));
        };
        if (topic == null) query(sql, reader);
        else query(sql, reader, topic);
        return out;
    }

    /** Records a change that is not a state or an answer (examples pasted, say). */
    public void note(String topic, String user, long now, String what) {
        String by = who(user);
        inTransaction(c -> run(c, "INSERT INTO topic_event (at, by_user, topic, what) VALUES (?,?,?,?)", now, by, topic, clip(what)));
    }

    private static AnswerRow answer(ResultSet r) throws SQLException {
        long approvedAt = r.getLong(7);
        return new AnswerRow(r.getString(1), r.getInt(2), r.getString(3), r.getString(4), r.getLong(5), r.getString(6),
                r.wasNull() ? null : approvedAt);
    }

    private static String clip(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }

    /** A user name as the columns hold it (200 characters; longer addresses are cut, not refused with a 500). */
    public static String who(String by) {
        return by == null || by.length() <= 200 ? by : by.substring(0, 200);
    }

    private interface RowReader {
        void read(ResultSet r) throws SQLException;
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) reader.read(r);
            }
        } catch (SQLException e) {
            throw new JournalException("topics: " + e.getMessage(), e);
        }
    }

    private void inTransaction(Work work) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("topics: " + e.getMessage(), e);
        }
    }

    private static int run(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        }
    }
}
