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
        Responder responder = Wiring.responder(s, journal);
        PollSchedule schedule = new PollSchedule(responder, interval, s.getInt("poll.max-backoff", 900));
        mailclerk.web.ConsoleServer console = Wiring.console(s, journal);
        if (console != null) {
            console.start(s.get("console.bind", "127.0.0.1"), s.getInt("console.port", 8080));
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping: waiting for a poll in progress to finish");
            try {
                schedule.close();
                if (console != null) console.close();
            } catch (Exception e) {
                log.warn("scheduler did not stop cleanly: {}", e.toString());
            }
            journal.close();
            stopped.countDown();
        }, "mailclerk-shutdown"));
        log.info("mailclerk running: IMAP {}, SMTP {}, polling every {} s, data in {}", Wiring.imap(s, journal),
                Wiring.smtp(s, journal), interval, Wiring.dataDir(s));
        schedule.start();
        stopped.await();
        return 0;
    }
}
