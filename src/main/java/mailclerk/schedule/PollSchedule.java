package mailclerk.schedule;

import java.time.Duration;
import java.util.Properties;
import mailclerk.respond.Responder;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;

/** Quartz with an in-memory job store: one poll job per mailbox, repeating every {@code poll.interval} seconds. */
public final class PollSchedule implements AutoCloseable {
    private final Scheduler scheduler;

    public PollSchedule(Responder responder, int intervalSeconds) throws SchedulerException {
        this(responder, intervalSeconds, 900);
    }

    public PollSchedule(Responder responder, int intervalSeconds, int maxBackoffSeconds) throws SchedulerException {
        Properties p = new Properties();
        p.setProperty("org.quartz.scheduler.instanceName", "mailclerk");
        p.setProperty("org.quartz.threadPool.threadCount", "1");
        p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
        scheduler = new StdSchedulerFactory(p).getScheduler();
        JobDataMap data = new JobDataMap();
        data.put(PollJob.RESPONDER, responder);
        data.put(PollJob.BACKOFF, new Backoff(Duration.ofSeconds(intervalSeconds), Duration.ofSeconds(maxBackoffSeconds)));
        JobDetail job = JobBuilder.newJob(PollJob.class).withIdentity("poll", responder.mailboxKey()).usingJobData(data).build();
        Trigger trigger = TriggerBuilder.newTrigger().withIdentity("every-" + intervalSeconds + "s", responder.mailboxKey())
                .startNow()
                .withSchedule(SimpleScheduleBuilder.repeatSecondlyForever(intervalSeconds)
                        .withMisfireHandlingInstructionNextWithRemainingCount())
                .build();
        scheduler.scheduleJob(job, trigger);
    }

    public void start() throws SchedulerException {
        scheduler.start();
    }

    @Override
    public void close() throws SchedulerException {
        scheduler.shutdown(true);
    }
}
