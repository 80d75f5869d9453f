package mailclerk.queue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The journal's one way to its database: each statement borrows a pooled connection for as long as it is open, or
 * runs on the connection of the transaction this thread is in ({@link #inTransaction}). Every part of the journal
 * ({@link Messages}, {@link Replies}, {@link ClerkQueue}, {@link PilotRecords}, {@link Reports}, {@link OAuthTokens})
 * writes through it, so they share transactions and the handling of duplicates (SQLState 23505) on H2 and PostgreSQL.
 */
final class Sql {
    /** Text columns are cut to this many characters: a sender chooses how long a subject is, not the journal. */
    static final int TEXT = 1000;
    /** Parameters per IN list: well within every database's limit, and few queries for a long queue. */
    static final int IN_LIST = 500;

    private final DataSource db;
    /** The connection of the transaction this thread is in, or null: every write commits on its own. */
    private final ThreadLocal<Connection> transaction = new ThreadLocal<>();

    Sql(DataSource db) {
        this.db = db;
    }

    /** Reads one row into a value. */
    interface Row<T> {
        T read(ResultSet r) throws SQLException;
    }

    /**
     * Runs {@code work} as one transaction on one connection: its writes are committed together when it returns,
     * and none of them when it throws. Work inside must be database work only (no mail server, no classifier): on
     * PostgreSQL a transaction left open longer than {@code idle_in_transaction_session_timeout} is ended by the
     * server, which is what lets a standby carry on when the node holding it freezes.
     */
    <T> T inTransaction(Supplier<T> work) {
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

    boolean exists(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            return r.next();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    int count(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            r.next();
            return r.getInt(1);
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    int update(String sql, Object... args) {
        try (PreparedStatement p = prepare(sql, args)) {
            return p.executeUpdate();
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    <T> List<T> list(String sql, Row<T> row, Object... args) {
        try (PreparedStatement p = prepare(sql, args); ResultSet r = p.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (r.next()) out.add(row.read(r));
            return out;
        } catch (SQLException e) {
            throw fail(e);
        }
    }

    <T> Optional<T> first(String sql, Row<T> row, Object... args) {
        List<T> l = list(sql, row, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    /**
     * An insert that may meet a row with the same key (SQLState 23505): false then, and nothing changed. Inside a
     * transaction the insert runs under a savepoint, since PostgreSQL aborts a whole transaction on a failed
     * statement and a duplicate must only undo itself.
     */
    boolean insertUnlessDuplicate(String sql, Object... args) {
        Connection tx = transaction.get();
        Savepoint before = null;
        try (PreparedStatement p = prepare(sql, args)) {
            if (tx != null) before = tx.setSavepoint();
            return p.executeUpdate() > 0;
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) throw fail(e);
            try {
                if (before != null) tx.rollback(before);
            } catch (SQLException r) {
                throw fail(r);
            }
            return false;
        }
    }

    /** An insert that returns the row's generated id; empty when a row with the same key exists. */
    Optional<Long> insertReturningId(String sql, Object... args) {
        try (PreparedStatement p = statement(sql, Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
            p.executeUpdate();
            try (ResultSet k = p.getGeneratedKeys()) {
                k.next();
                return Optional.of(k.getLong(1));
            }
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) return Optional.empty();
            throw fail(e);
        }
    }

    /** Update, else insert; a second node inserting first (SQLState 23505) makes it an update after all. */
    void upsert(String update, Object[] updateArgs, String insert, Object[] insertArgs) {
        for (int attempt = 0; attempt < 3; attempt++) {
            if (update(update, updateArgs) > 0) return;
            if (insertUnlessDuplicate(insert, insertArgs)) return;
        }
        throw new JournalException("journal: could not write " + update, null);
    }

    PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement p = statement(sql, Statement.NO_GENERATED_KEYS);
        try {
            for (int i = 0; i < args.length; i++) p.setObject(i + 1, args[i]);
        } catch (SQLException | RuntimeException e) {
            p.close();
            throw e;
        }
        return p;
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
            return (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(Sql.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, (proxy, method, a) -> {
                        if (method.getName().equals("close") && method.getParameterCount() == 0) {
                            try {
                                p.close();
                            } finally {
                                c.close();
                            }
                            return null;
                        }
                        try {
                            return method.invoke(p, a);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    static Object[] concat(Object[] a, Object... b) {
        Object[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static <T> List<List<T>> chunks(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_LIST) out.add(all.subList(i, Math.min(all.size(), i + IN_LIST)));
        return out;
    }

    static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    static String cut(String s) {
        return s == null || s.length() <= TEXT ? s : s.substring(0, TEXT);
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static JournalException fail(SQLException e) {
        return new JournalException("journal: " + e.getMessage(), e);
    }
}
