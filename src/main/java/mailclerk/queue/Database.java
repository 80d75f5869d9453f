package mailclerk.queue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import mailclerk.config.ConfigException;
import mailclerk.config.Settings;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The one database behind the journal, the leases, the console's sessions and (on PostgreSQL) Quartz's cluster:
 * by default an embedded H2 file under {@code data.dir}; {@code db.url} names a PostgreSQL database that two nodes
 * share. A connection pool, and the schema brought up to date by Flyway migrations that run the same on both.
 */
public final class Database implements AutoCloseable {
    private final HikariDataSource pool;
    private final boolean postgres;
    private final String where;

    private Database(HikariDataSource pool, boolean postgres, String where) {
        this.pool = pool;
        this.postgres = postgres;
        this.where = where;
    }

    /** From {@code db.url}, {@code db.user}, {@code db.password} (or {@code -file}); default the H2 file. */
    public static Database open(Settings s, Path dataDir) {
        String url = s.get("db.url", "").strip();
        if (url.isEmpty()) return embedded(dataDir);
        if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:h2:")) {
            throw new ConfigException("db.url must be a jdbc:postgresql: URL (or jdbc:h2: for the embedded journal)");
        }
        Waits waits = Waits.from(s);
        // never the query string in logs or errors: it may carry a password
        String where = url.replaceFirst("\\?.*$", "");
        return open(url, s.get("db.user", ""), s.secret("db.password"), s.getInt("db.pool-size", 8), where, waits,
                "mailclerk " + nodeId(s));
    }

    /**
     * How long anything may wait on the shared database, each below the mailbox lease (checked here): a node that
     * freezes inside a transaction has it ended by the server ({@code idle_in_transaction_session_timeout}), and a
     * standby waiting on its rows or locks gives up ({@code lock_timeout}, {@code statement_timeout}) well before the
     * lease it is waiting to take over runs out; TCP keepalive and a socket timeout notice a dead server or peer.
     */
    public record Waits(int idleInTransactionSeconds, int lockTimeoutSeconds, int statementTimeoutSeconds, int leaseSeconds) {
        static Waits from(Settings s) {
            int lease = s.getInt("cluster.lease-seconds", 20);
            // defaults: 5, 5 and 15 s under the default 20-second lease, and as much of a shorter lease
            Waits w = new Waits(s.getInt("db.idle-in-transaction-seconds", Math.max(1, Math.min(5, lease / 3))),
                    s.getInt("db.lock-timeout-seconds", Math.max(1, Math.min(5, lease / 3))),
                    s.getInt("db.statement-timeout-seconds", Math.max(1, Math.min(15, lease * 3 / 4))), lease);
            for (var e : java.util.Map.of("db.idle-in-transaction-seconds", w.idleInTransactionSeconds(), "db.lock-timeout-seconds",
                    w.lockTimeoutSeconds(), "db.statement-timeout-seconds", w.statementTimeoutSeconds()).entrySet()) {
                if (e.getValue() < 1 || e.getValue() >= lease) {
                    throw new ConfigException(e.getKey() + " must be at least 1 and below cluster.lease-seconds (" + lease
                            + "): a standby must never wait longer than the lease it is waiting to take over");
                }
            }
            return w;
        }

        /** A read from a server that went away gives up after this: after a statement's own timeout, before the lease. */
        int socketTimeoutSeconds() {
            return Math.max(statementTimeoutSeconds + 1, leaseSeconds - 1);
        }

        /** Run on every new connection of the pool. */
        String sessionSql() {
            return "SET SESSION idle_in_transaction_session_timeout = '" + idleInTransactionSeconds + "s'; "
                    + "SET SESSION lock_timeout = '" + lockTimeoutSeconds + "s'; "
                    + "SET SESSION statement_timeout = '" + statementTimeoutSeconds + "s'";
        }
    }

    /** This node's name: {@code node.id}, else the host name and process id. */
    public static String nodeId(Settings s) {
        String id = s.get("node.id", "").strip();
        if (!id.isEmpty()) return id;
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + "-" + ProcessHandle.current().pid();
    }

    public static Database embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        // every commit written through (WRITE_DELAY=0): a kill right after a call returns cannot lose it; closed when
        // the journal is closed and not by H2's own hook at JVM exit (DB_CLOSE_ON_EXIT=FALSE), which would close it
        // under a poll still finishing after SIGTERM
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mailclerk")
                + ";WRITE_DELAY=0;MODE=PostgreSQL;DB_CLOSE_ON_EXIT=FALSE";
        // the poller (a transaction and a lease check at a time) and the console's pages share it
        return open(url, "mailclerk", "", 8, dataDir.toString(), null, null);
    }

    private static Database open(String url, String user, String password, int poolSize, String where, Waits waits,
                                 String applicationName) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(1);
        c.setPoolName("mailclerk-db");
        c.setAutoCommit(true);
        c.setConnectionTimeout(10_000);
        c.setInitializationFailTimeout(30_000);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        if (postgres && waits != null) {
            c.setConnectionInitSql(waits.sessionSql());
            c.addDataSourceProperty("tcpKeepAlive", "true");
            c.addDataSourceProperty("connectTimeout", "10");
            // a statement ends on the server at statement_timeout; the socket gives up a little later if the server is gone
            c.addDataSourceProperty("socketTimeout", Integer.toString(waits.socketTimeoutSeconds()));
            c.addDataSourceProperty("ApplicationName", applicationName);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new JournalException("cannot open the journal database " + where + ": " + rootMessage(e), e);
        }
        Database db = new Database(pool, postgres, where);
        try {
            // on PostgreSQL, migrations run on connections of their own, without the poll's timeouts: a large journal's
            // migration may take longer than a statement of a poll may, and wait for locks a rolling upgrade holds
            db.migrate(postgres ? new String[] {url, user, password} : null);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return db;
    }

    /** @param direct URL, user and password for connections of Flyway's own; null: the pool's */
    private void migrate(String[] direct) {
        var config = (direct == null ? Flyway.configure().dataSource(pool) : Flyway.configure().dataSource(direct[0], direct[1],
                direct[2])).locations("classpath:db/migration/common")
                // a journal from before migrations existed: its tables stay, the migrations add what is missing
                .baselineOnMigrate(true).baselineVersion("0");
        if (postgres) config.javaMigrations(new QuartzTables());
        try {
            config.load().migrate();
        } catch (FlywayException e) {
            throw new JournalException("cannot bring the journal database " + where + " up to date: " + e.getMessage(), e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** PostgreSQL: several nodes may share it, and Quartz runs clustered on it. */
    public boolean shared() {
        return postgres;
    }

    @Override
    public String toString() {
        return where;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? t.toString() : t.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
