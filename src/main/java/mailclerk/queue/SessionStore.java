package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The console's sessions in the database, so that every node behind a load balancer knows a clerk who logged in
 * on another. Only a hash of each session token is stored: a copy of the database logs nobody in.
 */
public final class SessionStore {
    /** One stored session; times in epoch milliseconds. */
    public record Row(String tokenHash, String user, String role, String csrf, long startedAt, long lastSeen, long expiresAt,
                      String accountStamp) {
    }

    private final DataSource db;

    public SessionStore(Database database) {
        this.db = database.dataSource();
    }

    public void save(Row r) {
        run("INSERT INTO console_session (token_hash, user_name, role, csrf, started_at, last_seen, expires_at, account_stamp) "
                + "VALUES (?,?,?,?,?,?,?,?)", r.tokenHash(), r.user(), r.role(), r.csrf(), r.startedAt(), r.lastSeen(), r.expiresAt(),
                r.accountStamp());
    }

    public Optional<Row> find(String tokenHash) {
        List<Row> rows = query("SELECT * FROM console_session WHERE token_hash = ?", tokenHash);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    public void touch(String tokenHash, long lastSeen) {
        run("UPDATE console_session SET last_seen = ? WHERE token_hash = ?", lastSeen, tokenHash);
    }

    public void delete(String tokenHash) {
        run("DELETE FROM console_session WHERE token_hash = ?", tokenHash);
    }

    public int deleteUser(String user) {
        return run("DELETE FROM console_session WHERE LOWER(user_name) = LOWER(?)", user);
    }

    /** Every stored session, live or not. */
    public List<Row> all() {
        return query("SELECT * FROM console_session");
    }

    /** Sessions neither expired nor idle longer than {@code idleMillis}; the dead ones are deleted on the way. */
    public List<Row> live(long now, long idleMillis) {
        run("DELETE FROM console_session WHERE expires_at < ? OR last_seen < ?", now, now - idleMillis);
        return query("SELECT * FROM console_session ORDER BY user_name, started_at");
    }

    private int run(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        } catch (SQLException e) {
            throw new JournalException("console sessions: " + e.getMessage(), e);
        }
    }

    private List<Row> query(String sql, Object... args) {
        try (Connection c = db.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            try (ResultSet r = p.executeQuery()) {
                List<Row> out = new ArrayList<>();
                while (r.next()) {
                    out.add(new Row(r.getString("token_hash"), r.getString("user_name"), r.getString("role"), r.getString("csrf"),
                            r.getLong("started_at"), r.getLong("last_seen"), r.getLong("expires_at"), r.getString("account_stamp")));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new JournalException("console sessions: " + e.getMessage(), e);
        }
    }
}
