package mailclerk.cli;

import java.util.concurrent.Callable;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import mailclerk.respond.PollResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "poll-once", mixinStandardHelpOptions = true,
        description = "Poll the help mailbox once (fetch, decide, reply/flag/ignore, file), then exit. For cron and tests.")
public class PollOnceCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Settings s = config.settings();
        try (Journal journal = Wiring.journal(s)) {
            PollResult r = Wiring.responder(s, journal).pollOnce();
            for (Outcome o : r.outcomes()) {
                System.out.printf("uid %d: %s %s -> %s (%s)%n", o.uid(), o.action(), o.topic() == null ? "-" : o.topic(),
                        o.folder() == null ? "still in inbox" : o.folder(), o.reason());
            }
            System.out.printf("%d messages: %d replied, %d flagged, %d ignored%n", r.outcomes().size(),
                    r.count("reply"), r.count("flag"), r.count("ignore"));
            return 0;
        }
    }
}
