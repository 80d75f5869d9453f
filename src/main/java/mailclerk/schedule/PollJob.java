package mailclerk.schedule;

import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled poll. Never two at once for a mailbox: a slow poll makes the next one wait, it does not overlap.
 * A failed poll is logged and the next one tries again; nothing is lost, since the inbox is the queue.
 */
@DisallowConcurrentExecution
public class PollJob implements Job {
    private static final Logger log = LoggerFactory.getLogger(PollJob.class);
    static final String RESPONDER = "responder";

    @Override
    public void execute(JobExecutionContext context) {
        Responder responder = (Responder) context.getMergedJobDataMap().get(RESPONDER);
        try {
            PollResult r = responder.pollOnce();
            if (!r.outcomes().isEmpty()) {
                log.info("poll of {}: {} messages ({} replied, {} flagged, {} ignored)", responder.mailboxKey(),
                        r.outcomes().size(), r.count("reply"), r.count("flag"), r.count("ignore"));
            }
        } catch (Exception e) {
            log.error("poll of {} failed: {}; the next poll tries again", responder.mailboxKey(), e.toString());
        }
    }
}
