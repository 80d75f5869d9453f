package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Which process polls which mailbox: a lease row per mailbox with an expiry and a fencing token. The holder is the
 * node's id and this process's own instance id, so a restarted process never passes for the one it replaced, even
 * with a fixed {@code node.id}: it takes the lease over with a new token once the old lease has run out, and the old
 * process, should it still be alive somewhere, can write nothing more.
 *
 * <p>The lease follows work: {@link #acquire} takes a free or expired lease without extending one already held,
 * {@link #current} and {@link #available} only look, and only {@link #renew} extends it, which the responder calls
 * when its poll makes progress (the mail server answered) and between polls only while its polls succeed. A node
 * whose polls hang or fail therefore loses the mailbox within one lease, and a healthy node takes it over.
 *
 * <p>The database's clock alone decides expiry, so the nodes' clocks need not agree. On the embedded database only
 * one process can open the journal at all, so a new process takes the lease over at once (after a crash it must not
 * wait for its own dead predecessor's lease to run out).
 */
public final class Leases {
    /** The database's own clock, in milliseconds, in SQL that H2 and PostgreSQL both understand. */
    static final String DB_NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";
    /** This process: a restart is a new holder. */
    private static final String PROCESS = UUID.randomUUID().toString().substring(0, 8);

    private final DataSource db;
    private final String node;
    private final String holder;
    private final Duration ttl;
    private final boolean shared;

    public Leases(Database database, String node, Duration ttl) {
        this(database, node, PROCESS, ttl);
    }

    /** {@code instance}: tells processes with the same node id apart (tests stand in for two processes with it). */
    public Leases(Database database, String node, String instance, Duration ttl) {
        this.db = database.dataSource();
        this.node = node;
        this.holder = node + "#" + instance;
        this.ttl = ttl;
        this.shared = database.shared();
    }

    /** The node's id, as configured (for people). */
    public String node() {
        return node;
    }

    /** The holder this process writes into the lease row: node id and instance. */
    public String holder() {
        return holder;
    }

    public Duration ttl() {
        return ttl;
    }

    /** Whether other processes may hold leases here (PostgreSQL); on the embedded journal this process is alone. */
    public boolean shared() {
        return shared;
    }

    /**
     * The lease for a poll: this process's own while it is still valid (not extended: only progress does that), else
     * taken when it is free or has run out (the token grows); empty while another process holds it.
     */
    public Optional<Fence> acquire(String mailbox) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Fence> f = acquire(c, mailbox);
                c.commit();
                return f;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                if (e instanceof SQLException s && "23505".equals(s.getSQLState())) return Optional.empty();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("journal: cannot take the lease on " + mailbox + ": " + e.getMessage(), e);
        }
    }

    private Optional<Fence> acquire(Connection c, String mailbox) throws SQLException {
        // ours and valid: kept as it is; ours but run out, or free, or expired: taken (a new holder gets token + 1);
        // on the embedded database always takeable (one process)
        String takeable = shared ? "(holder = ? OR expires_at <= " + DB_NOW + ")" : "(holder = ? OR 1 = 1)";
        try (PreparedStatement u = c.prepareStatement("UPDATE mailbox_lease SET token = CASE WHEN holder = ? THEN token "
                + "ELSE token + 1 END, expires_at = CASE WHEN holder = ? AND expires_at > " + DB_NOW + " THEN expires_at "
                + "ELSE " + DB_NOW + " + ? END, holder = ? WHERE mailbox = ? AND " + takeable)) {
            u.setString(1, holder);
            u.setString(2, holder);
            u.setLong(3, ttl.toMillis());
            u.setString(4, holder);
            u.setString(5, mailbox);
            u.setString(6, holder);
            if (u.executeUpdate() == 1) return Optional.of(new Fence(mailbox, token(c, mailbox)));
        }
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM mailbox_lease WHERE mailbox = ?")) {
            exists.setString(1, mailbox);
            try (ResultSet r = exists.executeQuery()) {
                if (r.next()) return Optional.empty(); // another process's, still valid
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO mailbox_lease (mailbox, holder, token, expires_at) "
                + "VALUES (?, ?, 1, " + DB_NOW + " + ?)")) {
            i.setString(1, mailbox);
            i.setString(2, holder);
            i.setLong(3, ttl.toMillis());
            i.executeUpdate();
        }
        return Optional.of(new Fence(mailbox, 1));
    }

    private static long token(Connection c, String mailbox) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT token FROM mailbox_lease WHERE mailbox = ?")) {
            p.setString(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    /**
     * Extends the lease this fence stands for by one lease from now; false when it is no longer this process's with
     * this token (taken over). Only a process that is making progress calls this.
     */
    public boolean renew(Fence fence) {
        return update("UPDATE mailbox_lease SET expires_at = " + DB_NOW + " + ? WHERE mailbox = ? AND holder = ? AND token = ?",
                ttl.toMillis(), fence.mailbox(), holder, fence.token()) == 1;
    }

    /** The lease this process holds on {@code mailbox} now and that has not run out; looks only, never extends. */
    public Optional<Fence> current(String mailbox) {
        return query("SELECT token FROM mailbox_lease WHERE mailbox = ? AND holder = ? AND expires_at > " + DB_NOW,
                mailbox, holder).stream().map(t -> new Fence(mailbox, Long.parseLong(t))).findFirst();
    }

    /** Whether this process could take the lease now: nobody holds it, it has run out, or it is this process's. */
    public boolean available(String mailbox) {
        if (!shared) return true;
        return query("SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND holder <> ? AND expires_at > " + DB_NOW,
                mailbox, holder).isEmpty();
    }

    /** Gives the lease up (a clean stop, or polls that keep failing), so another node need not wait for it to expire. */
    public void release(Fence fence) {
        update("UPDATE mailbox_lease SET expires_at = 0 WHERE mailbox = ? AND holder = ? AND token = ?", fence.mailbox(),
                holder, fence.token());
    }

    /** Mailboxes whose lease this process holds now, for status. */
    public List<String> held() {
        return query("SELECT mailbox FROM mailbox_lease WHERE holder = ? AND expires_at > " + DB_NOW, holder);
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("journal: cannot write the lease: " + e.getMessage(), e);
        }
    }

    private List<String> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet r = p.executeQuery()) {
                List<String> out = new ArrayList<>();
                while (r.next()) out.add(r.getString(1));
                return out;
            }
        } catch (SQLException e) {
            throw new JournalException("journal: cannot read leases: " + e.getMessage(), e);
        }
    }
}
