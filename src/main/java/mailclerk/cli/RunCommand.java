package mailclerk.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Responder;
import mailclerk.schedule.PollSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the responder: poll the help mailbox every poll.interval seconds until stopped, and serve "
                + "the clerks' console (console.bind, console.port).")
public class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Settings s = config.settings();
        int interval = s.getInt("poll.interval", 60);
        Journal journal = Wiring.journal(s);
        java.util.List<Responder> responders = Wiring.responders(s, journal);
        // each node its own schedule in memory; the mailbox's lease decides which node polls (docs/cluster.md)
        PollSchedule schedule = new PollSchedule(responders, interval, s.getInt("poll.max-backoff", 900), Wiring.leaseCheck(s));
        mailclerk.schedule.IdlePolls idle = s.getBoolean("poll.idle", true) ? Wiring.idlePolls(s, journal, responders) : null;
        mailclerk.web.ConsoleServer console = Wiring.console(s, journal); // every mailbox's queue
        if (console != null) {
            console.start(s.get("console.bind", "127.0.0.1"), s.getInt("console.port", 8080));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: the poll in progress files what it decided and sent, and hands back what it has not sent");
            // in this order: no poll may still be using the journal when it closes
            responders.forEach(Responder::stop);
            try {
                if (idle != null) idle.close();
                schedule.close();
            } catch (Exception e) {
                log.warn("scheduler did not stop cleanly: {}", e.toString());
            }
            responders.forEach(Responder::releaseLease);
            try {
                if (console != null) console.close();
            } catch (Exception e) {
                log.warn("console did not stop cleanly: {}", e.toString());
            }
            journal.close();
            log.info("stopped");
            stopped.countDown();
        }, "mailclerk-shutdown"));
        for (String mailbox : s.mailboxes()) {
            Settings m = s.forMailbox(mailbox);
            log.info("mailclerk running as node {}: {}IMAP {}, SMTP {}, polling every {} s, journal {}", Wiring.nodeId(s),
                    mailbox.isEmpty() ? "" : "mailbox " + mailbox + ": ", Wiring.imap(m, journal), Wiring.smtp(m, journal),
                    interval, journal.database());
        }
        schedule.start();
        if (idle != null) idle.start();
        stopped.await();
        return 0;
    }
}
