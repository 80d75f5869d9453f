package mailclerk.schedule;

import java.time.Duration;
import java.time.Instant;
import mailclerk.mail.MailErrors;
import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled poll. Never two at once for a mailbox: a slow poll makes the next one wait, it does not overlap.
 * A failed poll is logged and retried with backoff; nothing is lost, since the inbox is the queue.
 */
@DisallowConcurrentExecution
public class PollJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(PollJob.class);
    static final String MAILBOX = "mailbox";

    @Override
    @SuppressWarnings("unchecked")
    public void execute(JobExecutionContext context) {
        String mailbox = context.getMergedJobDataMap().getString(MAILBOX);
        Responder responder;
        Backoff backoff;
        try {
            responder = ((java.util.Map<String, Responder>) context.getScheduler().getContext().get(PollSchedule.RESPONDERS)).get(mailbox);
            backoff = ((java.util.Map<String, Backoff>) context.getScheduler().getContext().get(PollSchedule.BACKOFFS)).get(mailbox);
        } catch (org.quartz.SchedulerException e) {
            log.error("poll of {} not run: {}", mailbox, e.getMessage());
            return;
        }
        if (responder == null) {
            log.warn("poll of {} fired on a node that does not serve that mailbox", mailbox);
            return;
        }
        Instant now = Instant.now();
        if (!backoff.due(now)) return;
        try {
            PollResult r = responder.pollOnce();
            if (backoff.failures() > 0) {
                log.info("poll of {} works again after {} failed attempts", responder.mailboxKey(), backoff.failures());
            }
            backoff.succeeded();
            if (!r.outcomes().isEmpty()) {
                log.info("poll of {}: {} messages ({} replied, {} flagged, {} ignored)", responder.mailboxKey(),
                        r.outcomes().size(), r.count("reply"), r.count("flag"), r.count("ignore"));
            }
        } catch (Exception e) {
            Duration wait = backoff.failed(now);
            log.error("poll of {} failed ({} in a row): {}; next attempt in {} s", responder.mailboxKey(),
                    backoff.failures(), MailErrors.explain(e), wait.toSeconds());
        }
    }
}
