package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The console's login attempts in the database, where every node counts the same ones (the policy, delays and
 * bounds, is the console's {@code LoginThrottle}). Every statement commits on its own; a name's count changes only
 * by compare-and-set on its version, and an address's attempt is written before it is counted, so attempts that
 * arrive at once, on one node or two, are each counted and none slips past a bound. Times in epoch milliseconds.
 */
public final class LoginAttempts {
    private static final int KEY = 200;
    /** How long a sign-in makes its address known for the account. */
    public static final long KNOWN_FOR_MILLIS = 90L * 24 * 3600 * 1000;

    /** One account name's state. */
    public record NameRow(int attempts, long lastAt, long nextAllowed, long version) {
    }

    /** An address's attempt: {@code id} to take it back; {@code over} the bound (then already taken back). */
    public record Counted(long id, boolean over, long oldest) {
    }

    private final DataSource db;

    public LoginAttempts(Database database) {
        this.db = database.dataSource();
    }

    public Optional<NameRow> name(String name) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT attempts, last_at, next_allowed, version FROM login_name WHERE name_key = ?")) {
            p.setString(1, cut(name));
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(new NameRow(r.getInt(1), r.getLong(2), r.getLong(3), r.getLong(4))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** The first attempt of a name; false when another attempt wrote it first (SQLState 23505): read it again. */
    public boolean firstAttempt(String name, long at, long nextAllowed) {
        try {
            run("INSERT INTO login_name (name_key, attempts, last_at, next_allowed, version) VALUES (?, 1, ?, ?, 0)",
                    cut(name), at, nextAllowed);
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return false;
            throw fail(e);
        }
    }

    /** A further attempt, if the row is still the one read ({@code version}); false when another attempt came between. */
    public boolean nextAttempt(String name, long version, int attempts, long at, long nextAllowed) {
        try {
            return run("UPDATE login_name SET attempts = ?, last_at = ?, next_allowed = ?, version = version + 1 "
                    + "WHERE name_key = ? AND version = ?", attempts, at, nextAllowed, cut(name), version) == 1;
        } catch (SQLException e) {
            // the row changed under this statement (serialization failure; H2's "concurrent update"): read it again
            if ("40001".equals(e.getSQLState()) || "90131".equals(e.getSQLState())) return false;
            throw fail(e);
        }
    }

    /** Takes back the last attempt counted for {@code name} (refused by another of the throttle's bounds). */
    public void uncountName(String name) {
        try {
            run("UPDATE login_name SET attempts = attempts - 1, version = version + 1 WHERE name_key = ? AND attempts > 0", cut(name));
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState()) || "90131".equals(e.getSQLState())) return; // a racing attempt: it stays counted
            throw fail(e);
        }
    }

    /**
     * Whether {@code name} signed in with the right password from {@code address} since {@code since}, whatever its
     * password or role was then: a clerk whose password was just reset must not be kept out from her own desk by a
     * guess spread over many addresses. An address known from a leaked password gains its holder nothing beyond
     * that one address's own limits.
     */
    public boolean known(String name, String address, long since) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT 1 FROM login_known WHERE name_key = ? AND address = ? AND last_ok >= ?")) {
            p.setString(1, cut(name));
            p.setString(2, cut(address));
            p.setLong(3, since);
            try (ResultSet r = p.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Addresses kept per account: a desk, a laptop, home; more is someone gathering them. */
    static final int KNOWN_PER_NAME = 20;

    /** {@code name} signed in with the right password from {@code address} at {@code at}. */
    public void remember(String name, String address, long at) {
        try {
            if (run("UPDATE login_known SET last_ok = ? WHERE name_key = ? AND address = ?", at, cut(name), cut(address)) == 0) {
                run("INSERT INTO login_known (name_key, address, last_ok) VALUES (?, ?, ?)", cut(name), cut(address), at);
            }
            // beyond the newest KNOWN_PER_NAME addresses, the oldest go
            run("DELETE FROM login_known WHERE name_key = ? AND last_ok < (SELECT MIN(last_ok) FROM (SELECT last_ok FROM "
                    + "login_known WHERE name_key = ? ORDER BY last_ok DESC LIMIT " + KNOWN_PER_NAME + ") newest)", cut(name), cut(name));
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw fail(e); // remembered by a sign-in a moment ago: as good
        }
    }

    /** The right password: the name's delays start over. */
    public void forgetName(String name) {
        try {
            run("DELETE FROM login_name WHERE name_key = ?", cut(name));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /**
     * Writes an attempt from {@code address}, then counts the address's attempts since {@code since}, this one
     * included. Over {@code max}: the attempt is taken back, and {@code oldest} is the time of the oldest one counted
     * (the address may try again when it leaves the window). Each attempt is committed before it counts, so of
     * attempts that arrive at once some may be refused that would have fitted, but never more than {@code max} pass.
     */
    public Counted countAddress(String address, long at, long since, int max) {
        long id;
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "INSERT INTO login_address (address, at) VALUES (?, ?)", new String[] {"id"})) {
            p.setString(1, cut(address));
            p.setLong(2, at);
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                id = k.getLong(1);
            }
        } catch (SQLException e) {
            throw fail(e);
        }
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(
                "SELECT COUNT(*), MIN(at) FROM login_address WHERE address = ? AND at >= ?")) {
            p.setString(1, cut(address));
            p.setLong(2, since);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                if (r.getInt(1) <= max) return new Counted(id, false, 0);
                long oldest = r.getLong(2);
                uncount(id);
                return new Counted(id, true, oldest);
            }
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Takes back the newest attempt of {@code address} (the right password is not held against it). */
    public void uncountLatest(String address) {
        try {
            run("DELETE FROM login_address WHERE id = (SELECT MAX(id) FROM login_address WHERE address = ?)", cut(address));
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Takes back one attempt written by {@link #countAddress} (the name was refused, so it did not count). */
    public void uncount(long id) {
        try {
            run("DELETE FROM login_address WHERE id = ?", id);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    /** Deletes what is older than {@code before}: names quiet since then, attempts made before then. */
    public void prune(long before) {
        try {
            run("DELETE FROM login_known WHERE last_ok < ?", before - KNOWN_FOR_MILLIS);
            run("DELETE FROM login_address WHERE at < ?", before);
            run("DELETE FROM login_name WHERE last_at < ? AND next_allowed < ?", before, before);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    private int run(String sql, Object... args) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql, Statement.NO_GENERATED_KEYS)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        }
    }

    private static String cut(String s) {
        return s.length() <= KEY ? s : s.substring(0, KEY);
    }

    private static JournalException fail(SQLException e) {
        return new JournalException("login attempts: " + e.getMessage(), e);
    }
}
