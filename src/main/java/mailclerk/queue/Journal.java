package mailclerk.queue;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * The responder's memory, in the {@link Database} (an embedded H2 file under {@code data.dir} by default, or the
 * PostgreSQL database that two nodes share), in parts by concern: {@link #messages()} (each message handled and the
 * stage it reached, the UID marks), {@link #replies()} (the claim that lets an automatic reply go out once, and the
 * reply history decisions read), {@link #clerkQueue()} (clerks' actions and claims), {@link #pilot()} (the shadow
 * pilot's verdicts), {@link #reports()} (dashboard, sender history, audit) and {@link #oauthTokens()}. Every write
 * is its own committed transaction unless it runs inside {@link #inTransaction}; H2 writes each commit through, so a
 * kill right after a call returns cannot lose it.
 */
public final class Journal implements AutoCloseable {
    private final Database database;
    private final boolean owned;
    private final Sql sql;
    private final Messages messages;
    private final Replies replies;
    private final ClerkQueue clerkQueue;
    private final PilotRecords pilot;
    private final Reports reports;
    private final OAuthTokens oauthTokens;

    private Journal(Database database, boolean owned) {
        this.database = database;
        this.owned = owned;
        this.sql = new Sql(database.dataSource());
        this.messages = new Messages(sql);
        this.replies = new Replies(sql);
        this.clerkQueue = new ClerkQueue(sql);
        this.pilot = new PilotRecords(sql);
        this.reports = new Reports(sql);
        this.oauthTokens = new OAuthTokens(sql);
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

    public Messages messages() {
        return messages;
    }

    public Replies replies() {
        return replies;
    }

    public ClerkQueue clerkQueue() {
        return clerkQueue;
    }

    public PilotRecords pilot() {
        return pilot;
    }

    public Reports reports() {
        return reports;
    }

    public OAuthTokens oauthTokens() {
        return oauthTokens;
    }

    /**
     * Runs {@code work} as one transaction: every journal write inside it, from any part, is committed together when
     * it returns and none when it throws. Database work only: see {@link Sql#inTransaction}.
     */
    public <T> T inTransaction(Supplier<T> work) {
        return sql.inTransaction(work);
    }

    @Override
    public void close() {
        if (owned) database.close();
    }
}
