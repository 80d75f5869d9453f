package mailclerk.queue;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;

/**
 * {@code data.dir/status.properties}: the last successful poll, the last error and the folder counts, written by
 * the responder after every poll. A file, not the database, so that `status` can read it while the daemon runs
 * (the embedded database allows one process at a time).
 */
public final class StatusFile {
    private final Path file;

    public StatusFile(Path dataDir) {
        this(dataDir, "");
    }

    /** One file per mailbox: {@code status.properties} for the first (or only) one, {@code status-<id>.properties}. */
    public StatusFile(Path dataDir, String mailboxId) {
        this.file = dataDir.resolve(mailboxId.isEmpty() ? "status.properties" : "status-" + mailboxId + ".properties");
    }

    /** Every mailbox's status file under {@code dataDir}. */
    public static java.util.List<StatusFile> all(Path dataDir) {
        java.util.List<StatusFile> out = new java.util.ArrayList<>();
        try (var files = Files.list(dataDir)) {
            files.map(f -> f.getFileName().toString()).filter(n -> n.matches("status(-[a-z0-9-]{1,40})?\\.properties")).sorted()
                    .forEach(n -> out.add(new StatusFile(dataDir, n.equals("status.properties") ? "" : n.substring(7, n.length() - 11))));
        } catch (IOException e) {
            // no data directory yet: no status
        }
        return out;
    }

    public String name() {
        return file.getFileName().toString();
    }

    /** Which node wrote this and whether it held the mailbox's lease at its last poll. */
    public synchronized void lease(String mailbox, String node, boolean held) {
        Properties p = read();
        p.setProperty("mailbox", mailbox);
        p.setProperty("node", node);
        p.setProperty("lease", held ? "held by this node" : "held by another node");
        if (held) p.remove("lease-note");
        write(p);
    }

    /** The decision's safety rules switched off by classifier.disabled-rules (none: the line goes). */
    public synchronized void rulesOff(java.util.Collection<String> rules) {
        Properties p = read();
        if (rules.isEmpty()) p.remove("rules-switched-off");
        else p.setProperty("rules-switched-off", String.join(",", new java.util.TreeSet<>(rules)));
        write(p);
    }

    /** Why this node let the mailbox's lease go (failed or stuck polls), for `status` and the operator. */
    public synchronized void leaseNote(String note) {
        Properties p = read();
        p.setProperty("lease-note", java.time.Instant.now() + " " + note);
        write(p);
    }

    public Properties read() {
        Properties p = new Properties();
        if (Files.exists(file)) {
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            } catch (IOException e) {
                p.setProperty("error", "status file unreadable: " + e.getMessage());
            }
        }
        return p;
    }

    public synchronized void pollSucceeded(Instant at, int handled, Map<String, Integer> counts) {
        Properties p = read();
        p.setProperty("last-successful-poll", at.toString());
        p.setProperty("last-poll-messages", Integer.toString(handled));
        counts.forEach((folder, n) -> p.setProperty("folder." + folder, Integer.toString(n)));
        write(p);
    }

    public synchronized void pollFailed(Instant at, String error) {
        Properties p = read();
        p.setProperty("last-error", at + " " + error);
        write(p);
    }

    private void write(Properties p) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                p.store(w, "mailclerk status: written after every poll");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // the status file is informational; a poll never fails because of it
        }
    }
}
