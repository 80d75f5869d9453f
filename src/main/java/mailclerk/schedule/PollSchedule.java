package mailclerk.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import mailclerk.respond.Responder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/**
 * Quartz, in this node's memory: one poll job per mailbox repeating every {@code poll.interval} seconds (missed polls
 * are skipped, not caught up), and in a cluster a lease job per mailbox every few seconds ({@link LeaseJob}). Which
 * node polls a mailbox is decided by the mailbox's lease alone, not by Quartz: each node runs its own schedule, and a
 * node's poll returns at once while another node holds the lease (docs/cluster.md says why Quartz's clustered JDBC
 * store was dropped). A changed {@code poll.interval} takes effect at the next start.
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

    /** @param leaseCheck how often each mailbox's lease is tended ({@link Responder#tendLease}); null without leases */
    public PollSchedule(List<Responder> responders, int intervalSeconds, int maxBackoffSeconds, Duration leaseCheck)
            throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "mailclerk-" + Integer.toHexString(System.identityHashCode(this)));
        // a poll and a lease check per mailbox may run at once
        p.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, responders.size()) * 2));
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        // what the jobs need lives in this node's memory: the job data holds only the mailbox's name
        Map<String, Responder> byMailbox = new ConcurrentHashMap<>();
        Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
        for (Responder r : responders) {
            byMailbox.put(r.mailboxKey(), r);
            backoffs.put(r.mailboxKey(), new Backoff(Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(maxBackoffSeconds)));
        }
        scheduler.getContext().put(RESPONDERS, byMailbox);
        scheduler.getContext().put(BACKOFFS, backoffs);
        for (Responder r : responders) {
            schedule(PollJob.class, pollKey(r.mailboxKey()), r.mailboxKey(), Duration.ofSeconds(intervalSeconds));
            if (leaseCheck != null) schedule(LeaseJob.class, JobKey.jobKey("lease", r.mailboxKey()), r.mailboxKey(), leaseCheck);
        }
    }

    static JobKey pollKey(String mailbox) {
        return JobKey.jobKey("poll", mailbox);
    }

    private void schedule(Class<? extends org.quartz.Job> type, JobKey key, String mailbox, Duration every)
            throws SchedulerException {
        JobDetail job = JobBuilder.newJob(type).withIdentity(key).usingJobData(PollJob.MAILBOX, mailbox).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity(key.getName() + "-every-" + every.toMillis() + "ms", mailbox)
                .startNow()
                .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(every.toMillis()).repeatForever()
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, trigger);
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    /** Stops firing and waits for the polls in progress to end (ask the responders to stop first, to make that quick). */
    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }
}
