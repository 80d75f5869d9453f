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
        return open(url, s.get("db.user", ""), s.secret("db.password"), s.getInt("db.pool-size", 8), url);
    }

    public static Database embedded(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dataDir, e);
        }
        // every commit written through (WRITE_DELAY=0): a kill right after a call returns cannot lose it
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("mailclerk") + ";WRITE_DELAY=0;MODE=PostgreSQL";
        return open(url, "mailclerk", "", 4, dataDir.toString());
    }

    private static Database open(String url, String user, String password, int poolSize, String where) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(url);
        c.setUsername(user);
        c.setPassword(password);
        c.setMaximumPoolSize(poolSize);
        c.setMinimumIdle(1);
        c.setPoolName("mailclerk-db");
        c.setAutoCommit(true);
        c.setConnectionTimeout(30_000);
        c.setInitializationFailTimeout(30_000);
        boolean postgres = url.startsWith("jdbc:postgresql:");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new JournalException("cannot open the journal database " + where + ": " + rootMessage(e), e);
        }
        Database db = new Database(pool, postgres, where);
        try {
            db.migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return db;
    }

    private void migrate() {
        var config = Flyway.configure().dataSource(pool).locations("classpath:db/migration/common")
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
