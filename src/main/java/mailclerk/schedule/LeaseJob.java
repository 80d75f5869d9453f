package mailclerk.schedule;

import mailclerk.respond.Responder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few seconds, for one mailbox: keeps this node's lease while its polls succeed, lets it go when they fail or
 * hang ({@link Responder#tendLease}), and when the lease is free (its holder died, froze or gave up) polls at once
 * rather than at the next scheduled poll: failover takes the lease plus a few seconds, not the lease plus an interval.
 */
@DisallowConcurrentExecution
public class LeaseJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(LeaseJob.class);

    @Override
    @SuppressWarnings("unchecked")
    public void execute(JobExecutionContext context) {
        String mailbox = context.getMergedJobDataMap().getString(PollJob.MAILBOX);
        try {
            Responder r = ((java.util.Map<String, Responder>) context.getScheduler().getContext().get(PollSchedule.RESPONDERS))
                    .get(mailbox);
            if (r != null && r.tendLease()) {
                log.debug("mailbox {}: lease free, polling now", mailbox);
                context.getScheduler().triggerJob(PollSchedule.pollKey(mailbox));
            }
        } catch (SchedulerException | RuntimeException e) {
            // the database may be out of reach for a moment: the next check tries again
            log.warn("lease check of {} failed: {}", mailbox, e.getMessage());
        }
    }
}
