package mailclerk.cli;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import mailclerk.config.Settings;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.ServerSettings;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.queue.Stage;
import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import mailclerk.schedule.IdlePolls;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * How fast a poll works through a backlog, and how soon new mail is answered with IMAP IDLE. A benchmark to run
 * by hand and report with the machine described, never a timed test: shared machines are noisy.
 */
@Command(name = "bench-mailbox", mixinStandardHelpOptions = true,
        description = {"Fill an embedded mail server's help-desk inbox with N messages (copies of the .eml files in "
                + "--from, each with a fresh Message-ID and sender), run one poll, and print messages per second and the "
                + "peak heap. With --push K, then deliver K more messages one at a time, with IMAP IDLE on, and print the "
                + "time from each delivery to its reply (p50, p95).",
                "With --configured, the servers of the configuration are used instead (the messages are APPENDed to its "
                        + "inbox and pushed through its SMTP server to helpdesk.address): use a test mailbox."})
public class BenchMailboxCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--messages", defaultValue = "2300", description = "messages in the backlog (default: ${DEFAULT-VALUE})")
    int messages;

    @Option(names = "--from", paramLabel = "DIR", description = "where the .eml files to copy are (default: "
            + "src/test/resources/dev-emails when present, else the demo's emails)")
    Path from;

    @Option(names = "--push", defaultValue = "0", description = "messages delivered one at a time after the backlog (default: ${DEFAULT-VALUE})")
    int push;

    @Option(names = "--push-interval-ms", defaultValue = "500", description = "pause between pushed messages (default: ${DEFAULT-VALUE})")
    long pushInterval;

    @Option(names = "--configured", description = "use the configured IMAP and SMTP servers, not an embedded one: only "
            + "for a test mailbox marked bench.test-mailbox=true, whose inbox is empty; replies go only to the seeded senders")
    boolean configured;

    /** The domain of every sender the bench seeds: with --configured, replies go nowhere else. */
    static final String BENCH_DOMAIN = "bench.example";

    @Override
    public Integer call() throws Exception {
        List<byte[]> sources = sources();
        Path data = Files.createTempDirectory("mailclerk-bench");
        GreenMail mail = null;
        try {
            Settings s = config.settings().with(Map.of("data.dir", data.toString(), "poll.interval", "3600"));
            if (configured) {
                // the configured servers may be the court's: refuse anything but a mailbox marked as a test mailbox
                if (!s.getBoolean("bench.test-mailbox", false)) {
                    System.err.println("bench-mailbox --configured polls the configured mailbox and sends real replies: it "
                            + "runs only against a test mailbox, marked with bench.test-mailbox=true in its configuration");
                    return 2;
                }
                s = s.with(Map.of("reply.only-to-domain", BENCH_DOMAIN, "reply.mode", "live"));
                try (HelpMailbox inbox = HelpMailbox.open(ServerSettings.imap(s), Folders.from(s))) {
                    int waiting = inbox.counts().getOrDefault(Folders.from(s).inbox(), 0);
                    if (waiting > 0) {
                        System.err.println("bench-mailbox --configured needs an empty inbox, and this one has " + waiting
                                + " messages: they would be handled (and answered) by the bench");
                        return 2;
                    }
                }
            } else {
                mail = new GreenMail(new ServerSetup[] {new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                        new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
                mail.start();
                // lives as long as this command: a random password, never a committed one
                String benchPassword = java.util.UUID.randomUUID().toString();
                mail.setUser(s.get("helpdesk.address", "helpdesk@iasb.uscourts.gov"), "helpdesk", benchPassword);
                s = s.with(Map.ofEntries(Map.entry("imap.host", "127.0.0.1"),
                        Map.entry("imap.port", Integer.toString(mail.getImap().getPort())), Map.entry("imap.user", "helpdesk"),
                        Map.entry("imap.password", benchPassword), Map.entry("imap.security", "none"),
                        Map.entry("imap.auth", "password"), Map.entry("smtp.host", "127.0.0.1"),
                        Map.entry("smtp.port", Integer.toString(mail.getSmtp().getPort())), Map.entry("smtp.user", ""),
                        Map.entry("smtp.security", "none"), Map.entry("smtp.auth", "")));
            }
            System.out.printf(Locale.ROOT, "%s; %d source emails; Java %s, %d processors, max heap %d MB%n",
                    configured ? "configured servers " + s.get("imap.host", "?") : "embedded GreenMail on 127.0.0.1",
                    sources.size(), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                    Runtime.getRuntime().maxMemory() >> 20);
            try (Journal journal = Wiring.journal(s)) {
                Responder responder = Wiring.responder(s, journal);
                if (messages > 0) backlog(s, responder, sources, mail);
                if (push > 0) push(s, journal, responder, sources);
            }
            return 0;
        } finally {
            if (mail != null) mail.stop();
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private void backlog(Settings s, Responder responder, List<byte[]> sources, GreenMail embedded) throws Exception {
        long t0 = System.nanoTime();
        if (embedded != null) {
            // straight into the embedded server's store: its IMAP APPEND slows down as the mailbox grows
            var desk = embedded.getUserManager().getUserByEmail(s.get("helpdesk.address", "helpdesk@iasb.uscourts.gov"));
            for (int i = 0; i < messages; i++) desk.deliver(HelpMailbox.parse(copy(sources.get(i % sources.size()), "b" + i)));
        } else try (HelpMailbox inbox = HelpMailbox.open(ServerSettings.imap(s), Folders.from(s))) {
            List<jakarta.mail.internet.MimeMessage> chunk = new ArrayList<>();
            for (int i = 0; i < messages; i++) {
                chunk.add(HelpMailbox.parse(copy(sources.get(i % sources.size()), "b" + i)));
                if (chunk.size() == 100 || i == messages - 1) {
                    inbox.appendInbox(chunk);
                    chunk.clear();
                }
            }
        }
        System.out.printf(Locale.ROOT, "backlog of %d messages put in the inbox in %.1f s%n", messages, seconds(t0));
        HeapWatch heap = HeapWatch.start();
        long start = System.nanoTime();
        PollResult r = responder.pollOnce();
        double took = seconds(start);
        long peak = heap.stop();
        System.out.printf(Locale.ROOT, "one poll: %d messages in %.2f s = %.0f messages/s (%d replied, %d flagged, "
                        + "%d ignored); peak heap used %d MB (sampled every 10 ms)%n", r.outcomes().size(), took,
                r.outcomes().size() / took, r.count("reply"), r.count("flag"), r.count("ignore"), peak >> 20);
    }

    private void push(Settings s, Journal journal, Responder responder, List<byte[]> sources) throws Exception {
        List<Double> latencies = new ArrayList<>();
        List<Double> handled = new ArrayList<>();
        int unanswered = 0;
        try (IdlePolls idle = Wiring.idlePolls(s, journal, List.of(responder))) {
            idle.start();
            Thread.sleep(1000); // the watcher connects and enters IDLE
            jakarta.mail.Session smtp = jakarta.mail.Session.getInstance(smtpProperties(s));
            for (int i = 0; i < push; i++) {
                // a question that is answered, so that the time measured ends with a reply sent
                byte[] raw = copy(sources.get(i % sources.size()), "p" + i);
                jakarta.mail.internet.MimeMessage m = HelpMailbox.parse(raw);
                String id = m.getMessageID();
                long delivered = System.nanoTime();
                try (jakarta.mail.Transport t = smtp.getTransport("smtp")) {
                    t.connect();
                    t.sendMessage(m, new jakarta.mail.Address[] {
                            new jakarta.mail.internet.InternetAddress(s.get("helpdesk.address", "helpdesk@iasb.uscourts.gov"))});
                }
                long deadline = delivered + 30_000_000_000L;
                HandledMessage done = null;
                while (System.nanoTime() < deadline) {
                    done = journal.messages().latestFor(id).filter(h -> h.stage() == Stage.FILED).orElse(null);
                    if (done != null) break;
                    Thread.sleep(5);
                }
                double took = seconds(delivered);
                if (done == null) unanswered++;
                else handled.add(took);
                if (done != null && "reply".equals(done.action())) latencies.add(took);
                Thread.sleep(pushInterval);
            }
        }
        latencies.sort(Double::compare);
        handled.sort(Double::compare);
        System.out.printf(Locale.ROOT, "push: %d messages delivered one at a time with IDLE, %d not handled within 30 s%n",
                push, unanswered);
        System.out.printf(Locale.ROOT, "  %d answered, delivery to reply sent and filed: p50 %.2f s, p95 %.2f s, max %.2f s%n",
                latencies.size(), pct(latencies, 50), pct(latencies, 95), pct(latencies, 100));
        System.out.printf(Locale.ROOT, "  all %d handled (answered, flagged, ignored), delivery to filed: p50 %.2f s, p95 %.2f s%n",
                handled.size(), pct(handled, 50), pct(handled, 95));
    }

    private static java.util.Properties smtpProperties(Settings s) {
        java.util.Properties p = new java.util.Properties();
        p.put("mail.smtp.host", s.get("smtp.host", "127.0.0.1"));
        p.put("mail.smtp.port", s.get("smtp.port", "25"));
        if ("starttls".equals(s.get("smtp.security", "none"))) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.ssl.trust", s.get("smtp.host", "127.0.0.1"));
        }
        return p;
    }

    private static double pct(List<Double> sorted, int p) {
        if (sorted.isEmpty()) return Double.NaN;
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private List<byte[]> sources() throws Exception {
        Path dir = from;
        if (dir == null && Files.isDirectory(Path.of("src/test/resources/dev-emails"))) dir = Path.of("src/test/resources/dev-emails");
        List<byte[]> out = new ArrayList<>();
        if (dir != null) {
            try (var files = Files.list(dir)) {
                for (Path p : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) out.add(Files.readAllBytes(p));
            }
        } else {
            for (String name : DemoCommand.MESSAGES) {
                try (var in = BenchMailboxCommand.class.getResourceAsStream("/demo/" + name + ".eml")) {
                    out.add(in.readAllBytes());
                }
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException("no .eml files in " + dir);
        return out;
    }

    /**
     * A copy of a message with a fresh Message-ID and, unless it comes from a machine, its own sender (so that the
     * rate limits and the duplicate check see a new filer, as in a real backlog).
     */
    public static byte[] copy(byte[] raw, String tag) {
        String text = new String(raw, StandardCharsets.ISO_8859_1); // byte for byte, whatever the charset
        int end = headerEnd(text);
        String head = text.substring(0, end);
        String body = text.substring(end);
        List<String> lines = new ArrayList<>(Arrays.asList(head.split("\r?\n", -1)));
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        String from = null;
        boolean skipping = false;
        for (String line : lines) {
            boolean continuation = !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t');
            if (continuation) {
                if (skipping) {
                    if (from != null && from.startsWith("From:")) from += " " + line.strip();
                    continue;
                }
                kept.add(line);
                continue;
            }
            String lower = line.toLowerCase(Locale.ROOT);
            // the sender's own addresses are replaced: Reply-To and Sender too, else the rate limits see one filer
            skipping = lower.startsWith("message-id:") || lower.startsWith("from:") || lower.startsWith("reply-to:")
                    || lower.startsWith("sender:") || lower.startsWith("return-path:");
            if (lower.startsWith("from:")) from = line;
            if (!skipping) kept.add(line);
            else if (!lower.startsWith("from:") && !lower.startsWith("message-id:")) dropped.add(line);
        }
        String sender = from == null ? "From: <nobody@" + BENCH_DOMAIN + ">" : from;
        String l = sender.toLowerCase(Locale.ROOT);
        boolean machine = l.contains("daemon") || l.contains("postmaster") || l.contains("noreply") || l.contains("no-reply")
                || l.contains("donotreply") || l.contains("do-not-reply") || l.contains("notification");
        if (!machine) sender = "From: Filer " + tag + " <filer-" + tag + "@" + BENCH_DOMAIN + ">";
        else kept.addAll(dropped); // a machine's own headers stay as they were
        StringBuilder out = new StringBuilder();
        out.append("Message-ID: <bench-").append(tag).append('-').append(System.nanoTime()).append("@bench.example>\r\n");
        out.append(sender);
        for (String k : kept) if (!k.isEmpty()) out.append("\r\n").append(k);
        return (out + body).getBytes(StandardCharsets.ISO_8859_1); // the body starts with the blank line
    }

    private static int headerEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        if (crlf < 0 && lf < 0) return text.length();
        if (crlf < 0) return lf;
        if (lf < 0) return crlf;
        return Math.min(crlf, lf);
    }

    /** The largest heap use seen, sampled every 10 ms on a daemon thread. */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        static HeapWatch start() {
            HeapWatch w = new HeapWatch();
            w.thread = new Thread(() -> {
                var memory = ManagementFactory.getMemoryMXBean();
                while (w.running) {
                    w.peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "bench-heap");
            w.thread.setDaemon(true);
            w.thread.start();
            return w;
        }

        long stop() throws InterruptedException {
            running = false;
            thread.join();
            return peak.get();
        }
    }
}
