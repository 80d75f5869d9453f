package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Which node polls which mailbox: a lease row per mailbox with an expiry and a fencing token. A node takes a free or
 * expired lease (the token grows by one) or renews its own; the database's clock alone decides expiry, so the nodes'
 * clocks need not agree. On the embedded database only one process can open the journal at all, so a new process
 * takes the lease over at once (after a crash it must not wait for its own dead predecessor's lease to run out).
 */
public final class Leases {
    /** The database's own clock, in milliseconds, in SQL that H2 and PostgreSQL both understand. */
    static final String DB_NOW = "CAST(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000 AS BIGINT)";

    private final DataSource db;
    private final String node;
    private final Duration ttl;
    private final boolean shared;

    public Leases(Database database, String node, Duration ttl) {
        this.db = database.dataSource();
        this.node = node;
        this.ttl = ttl;
        this.shared = database.shared();
    }

    public String node() {
        return node;
    }

    /** Takes or renews the lease on {@code mailbox}; empty while another node holds it. */
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
        long ttlMillis = ttl.toMillis();
        // ours (renewed, same token), or free/expired (taken, token + 1); on the embedded database always ours
        String takeable = shared ? "(holder = ? OR expires_at <= " + DB_NOW + ")" : "(holder = ? OR 1 = 1)";
        try (PreparedStatement u = c.prepareStatement("UPDATE mailbox_lease SET token = CASE WHEN holder = ? THEN token "
                + "ELSE token + 1 END, holder = ?, expires_at = " + DB_NOW + " + ? WHERE mailbox = ? AND " + takeable)) {
            u.setString(1, node);
            u.setString(2, node);
            u.setLong(3, ttlMillis);
            u.setString(4, mailbox);
            u.setString(5, node);
            if (u.executeUpdate() == 1) return Optional.of(new Fence(mailbox, token(c, mailbox)));
        }
        try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM mailbox_lease WHERE mailbox = ?")) {
            exists.setString(1, mailbox);
            try (ResultSet r = exists.executeQuery()) {
                if (r.next()) return Optional.empty(); // another node's, still valid
            }
        }
        try (PreparedStatement i = c.prepareStatement("INSERT INTO mailbox_lease (mailbox, holder, token, expires_at) "
                + "VALUES (?, ?, 1, " + DB_NOW + " + ?)")) {
            i.setString(1, mailbox);
            i.setString(2, node);
            i.setLong(3, ttlMillis);
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

    /** Renews the lease this fence stands for; false when it was lost (expired and taken, or taken). */
    public boolean renew(Fence fence) {
        Optional<Fence> now = acquire(fence.mailbox());
        return now.isPresent() && now.get().token() == fence.token();
    }

    /** Gives the lease up at a clean stop, so another node need not wait for it to expire. */
    public void release(Fence fence) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE mailbox_lease SET expires_at = 0 WHERE mailbox = ? AND holder = ? AND token = ?")) {
            p.setString(1, fence.mailbox());
            p.setString(2, node);
            p.setLong(3, fence.token());
            p.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("journal: cannot release the lease on " + fence.mailbox(), e);
        }
    }

    /** Mailboxes whose lease this node holds now, for status. */
    public java.util.List<String> held() {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT mailbox FROM mailbox_lease WHERE holder = ? AND expires_at > " + DB_NOW)) {
            p.setString(1, node);
            try (ResultSet r = p.executeQuery()) {
                java.util.List<String> out = new java.util.ArrayList<>();
                while (r.next()) out.add(r.getString(1));
                return out;
            }
        } catch (SQLException e) {
            throw new JournalException("journal: cannot read leases", e);
        }
    }
}
