package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Sign-ins through the identity provider that are under way, and the provider's subject id of each person who signed
 * in. In the database so that either node can finish a sign-in the other started. A pending sign-in is taken (read
 * and deleted) in one step: whoever deletes the row gets it, so a callback replayed, or raced on two nodes, finds
 * nothing the second time.
 */
public final class SignInStore {
    /** A sign-in under way; {@code createdAt} in epoch milliseconds. */
    public record Pending(String nonce, String codeVerifier, long createdAt) {
    }

    private final DataSource db;

    public SignInStore(Database database) {
        this.db = database.dataSource();
    }

    public void save(String stateHash, Pending p) {
        update("INSERT INTO console_sign_in (state_hash, nonce, code_verifier, created_at) VALUES (?,?,?,?)",
                stateHash, p.nonce(), p.codeVerifier(), p.createdAt());
    }

    /** The pending sign-in of this state, deleted as it is read; empty if there is none or another took it first. */
    public Optional<Pending> take(String stateHash) {
        try (Connection c = db.getConnection()) {
            Pending found = null;
            try (PreparedStatement p = c.prepareStatement("SELECT nonce, code_verifier, created_at FROM console_sign_in WHERE state_hash = ?")) {
                p.setString(1, stateHash);
                try (ResultSet r = p.executeQuery()) {
                    if (r.next()) found = new Pending(r.getString(1), r.getString(2), r.getLong(3));
                }
            }
            if (found == null) return Optional.empty();
            try (PreparedStatement p = c.prepareStatement("DELETE FROM console_sign_in WHERE state_hash = ?")) {
                p.setString(1, stateHash);
                // only the one whose delete removed the row may use it
                return p.executeUpdate() == 1 ? Optional.of(found) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JournalException("console sign-ins: " + e.getMessage(), e);
        }
    }

    /** Deletes sign-ins started before {@code cutoff} (abandoned at the provider's page). */
    public int forgetOlderThan(long cutoff) {
        return update("DELETE FROM console_sign_in WHERE created_at < ?", cutoff);
    }

    /** Records the provider's subject id of a person who signed in. */
    public void signedIn(String email, String subject, long at) {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                run(c, "DELETE FROM console_person WHERE email = ?", email);
                run(c, "INSERT INTO console_person (email, subject, last_sign_in) VALUES (?,?,?)", email, subject, at);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new JournalException("console people: " + e.getMessage(), e);
        }
    }

    /** The subject id of the person who last signed in with this address, if anyone did. */
    public Optional<String> subjectOf(String email) {
        try (Connection c = db.getConnection();
             PreparedStatement p = c.prepareStatement("SELECT subject FROM console_person WHERE email = ?")) {
            p.setString(1, email);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new JournalException("console people: " + e.getMessage(), e);
        }
    }

    private int update(String sql, Object... args) {
        try (Connection c = db.getConnection()) {
            return run(c, sql, args);
        } catch (SQLException e) {
            throw new JournalException("console sign-ins: " + e.getMessage(), e);
        }
    }

    private static int run(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            return p.executeUpdate();
        }
    }
}
