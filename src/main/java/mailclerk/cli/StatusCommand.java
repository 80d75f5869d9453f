package mailclerk.cli;

import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import mailclerk.queue.StatusFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show, for each mailbox, the node that polls it, whether that node holds its lease, the last "
                + "successful poll, the last error and how many messages each folder held then. Works while the "
                + "daemon runs (it reads the status files the daemon writes under data.dir).")
public class StatusCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() {
        var dataDir = Wiring.dataDir(config.settings());
        List<StatusFile> files = StatusFile.all(dataDir);
        if (files.isEmpty() || files.stream().allMatch(f -> f.read().isEmpty())) {
            System.out.println("no poll yet (no status in " + dataDir + ")");
            return 1;
        }
        for (StatusFile f : files) {
            Properties p = f.read();
            if (p.containsKey("mailbox")) {
                System.out.println("mailbox " + p.getProperty("mailbox") + " (node " + p.getProperty("node", "?") + ", lease "
                        + p.getProperty("lease", "?") + ")");
            }
            System.out.println("last successful poll: " + p.getProperty("last-successful-poll", "never")
                    + " (" + p.getProperty("last-poll-messages", "0") + " messages)");
            System.out.println("last error: " + p.getProperty("last-error", "none"));
            if (p.containsKey("lease-note")) System.out.println("lease: " + p.getProperty("lease-note"));
            if (p.containsKey("rules-switched-off")) {
                System.out.println("WARNING: decision rules switched off (classifier.disabled-rules): "
                        + p.getProperty("rules-switched-off") + "; replies may go out that these rules would send to a clerk");
            }
            for (String k : new TreeSet<>(p.stringPropertyNames())) {
                if (k.startsWith("folder.")) System.out.println("  " + k.substring(7) + ": " + p.getProperty(k));
            }
        }
        return 0;
    }
}
