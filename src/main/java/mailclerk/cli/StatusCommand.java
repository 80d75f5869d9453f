package mailclerk.cli;

import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import mailclerk.queue.StatusFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the last successful poll, the last error and how many messages each folder held then. "
                + "Works while the daemon runs.")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        Properties p = new StatusFile(Wiring.dataDir(config.settings())).read();
        if (p.isEmpty()) {
            System.out.println("no poll yet (no status in " + Wiring.dataDir(config.settings()) + ")");
            return 1;
        }
        System.out.println("last successful poll: " + p.getProperty("last-successful-poll", "never")
                + " (" + p.getProperty("last-poll-messages", "0") + " messages)");
        System.out.println("last error: " + p.getProperty("last-error", "none"));
        for (String k : new TreeSet<>(p.stringPropertyNames())) {
            if (k.startsWith("folder.")) System.out.println("  " + k.substring(7) + ": " + p.getProperty(k));
        }
        return 0;
    }
}
