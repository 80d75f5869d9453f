package mailclerk.schedule;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import mailclerk.mail.InboxWatcher;
import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code poll.idle}: a poll as soon as the server announces new mail, besides the scheduled ones (which stay as
 * the safety net). Announcements that arrive while a poll runs are folded into one more poll, never queued up.
 * Polls never overlap: the responder allows one at a time, and a node without the mailbox's lease returns at once.
 */
public final class IdlePolls implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IdlePolls.class);
    private final List<InboxWatcher> watchers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final List<ExecutorService> pollers = new ArrayList<>();

    public IdlePolls(List<Responder> responders, List<InboxWatcherFactory> watcherFor) {
        for (int i = 0; i < responders.size(); i++) {
            Responder r = responders.get(i);
            ExecutorService poller = Executors.newSingleThreadExecutor(t -> new Thread(t, "mailclerk-idle-poll"));
            AtomicBoolean pending = new AtomicBoolean();
            Runnable poll = () -> {
                if (!pending.compareAndSet(false, true)) return; // one is already waiting: it will see this mail too
                poller.submit(() -> {
                    pending.set(false);
                    try {
                        PollResult result = r.pollOnce();
                        if (!result.outcomes().isEmpty()) {
                            log.info("poll of {} on new mail: {} messages ({} replied, {} flagged, {} ignored)", r.mailboxKey(),
                                    result.outcomes().size(), result.count("reply"), result.count("flag"), result.count("ignore"));
                        }
                    } catch (Exception e) {
                        log.warn("poll of {} on new mail failed: {}; the scheduled poll retries", r.mailboxKey(), e.getMessage());
                    }
                });
            };
            InboxWatcher w = watcherFor.get(i).watcher(poll);
            watchers.add(w);
            pollers.add(poller);
            Thread t = new Thread(w, "mailclerk-idle-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
    }

    /** Makes the watcher of one mailbox, given what to run on new mail. */
    public interface InboxWatcherFactory {
        InboxWatcher watcher(Runnable onNewMail);
    }

    public void start() {
        threads.forEach(Thread::start);
    }

    @Override
    public void close() {
        watchers.forEach(InboxWatcher::close);
        for (ExecutorService p : pollers) {
            p.shutdown();
            try {
                p.awaitTermination(Duration.ofMinutes(2).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
