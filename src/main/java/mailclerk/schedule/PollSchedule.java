package mailclerk.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import mailclerk.respond.Responder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * Quartz: one poll job per mailbox, repeating every {@code poll.interval} seconds; missed polls are skipped, not
 * caught up. One node: an in-memory job store. Several nodes on PostgreSQL: Quartz's JDBC job store, clustered on
 * the shared database, so each firing runs on one node; which node may poll is still decided by the mailbox's
 * lease, since Quartz cannot promise that a node which froze and resumed does not run a job another node has
 * already taken over.
 */
public final class PollSchedule implements AutoCloseable {
    static final String RESPONDERS = "responders";
    static final String BACKOFFS = "backoffs";
    private final Scheduler scheduler;

    public PollSchedule(Responder responder, int intervalSeconds) throws SchedulerException {
        this(List.of(responder), intervalSeconds, 900, null);
    }

    public PollSchedule(Responder responder, int intervalSeconds, int maxBackoffSeconds) throws SchedulerException {
        this(List.of(responder), intervalSeconds, maxBackoffSeconds, null);
    }

    /** @param cluster the shared database for Quartz's clustered job store; null for the in-memory store */
    public PollSchedule(List<Responder> responders, int intervalSeconds, int maxBackoffSeconds, DataSource cluster)
            throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "mailclerk");
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, responders.size())));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        if (cluster == null) {
            p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        } else {
            DBConnectionManager.getInstance().addConnectionProvider("mailclerk", new Pooled(cluster));
            p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
            p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.setProperty("org.quartz.jobStore.dataSource", "mailclerk");
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
            p.setProperty("org.quartz.jobStore.useProperties", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "2000"); // a dead node's blocked job is recovered sooner
            p.setProperty("org.quartz.jobStore.misfireThreshold", Long.toString(intervalSeconds * 1000L));
        }
        scheduler = new StdSchedulerFactory(p).getScheduler();
        // what the job needs lives in this node's memory: the job store holds only the mailbox's name
        Map<String, Responder> byMailbox = new ConcurrentHashMap<>();
        Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
        for (Responder r : responders) {
            byMailbox.put(r.mailboxKey(), r);
            backoffs.put(r.mailboxKey(), new Backoff(Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(maxBackoffSeconds)));
        }
        scheduler.getContext().put(RESPONDERS, byMailbox);
        scheduler.getContext().put(BACKOFFS, backoffs);
        for (Responder r : responders) register(r.mailboxKey(), intervalSeconds);
    }

    /** Registers the mailbox's job unless another node (or an earlier run) already has: never replaced. */
    private void register(String mailbox, int intervalSeconds) throws SchedulerException {
        JobKey key = JobKey.jobKey("poll", mailbox);
        if (scheduler.checkExists(key)) return;
        JobDetail job = JobBuilder.newJob(PollJob.class).withIdentity(key).usingJobData(PollJob.MAILBOX, mailbox).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("every-" + intervalSeconds + "s", mailbox)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(intervalSeconds)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        try {
            scheduler.scheduleJob(job, trigger);
        } catch (ObjectAlreadyExistsException e) {
            // the other node registered it a moment ago: one job per mailbox, as wanted
        }
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }

    /** Quartz borrows its connections from the journal's pool. */
    private record Pooled(DataSource pool) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return pool.getConnection();
        }

        @Override
        public void shutdown() {
            // the pool belongs to the journal, which closes it
        }

        @Override
        public void initialize() {
            // nothing: the pool is open
        }
    }
}
