package mailclerk.it;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.web.Accounts;
import mailclerk.web.ClerkDesk;
import mailclerk.web.ConsoleServer;
import mailclerk.web.QueueQuery;

/**
 * A benchmark, not a test: how long the queue page takes with 5,000 flagged messages in Needs-Clerk (GreenMail
 * in-process, the H2 journal on disk, the console over HTTP on loopback). Run it with the command in the README
 * ("How quick is the queue"); it prints the median and the slowest of 15 runs after 3 warm-up runs.
 */
public final class QueueBench {
    static final int MESSAGES = 5_000;
    static final int WARMUP = 3;
    static final int RUNS = 15;

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : MESSAGES;
        Path dir = Files.createTempDirectory("mailclerk-bench");
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            String users = "ann:clerk:" + Accounts.hash("bench-password".toCharArray());
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                    "console.users", users));
            long t0 = System.nanoTime();
            fill(server, journal, messages, Wiring.clerkDesk(s, journal).journalKey());
            System.out.printf(Locale.ROOT, "filled Needs-Clerk with %,d flagged messages and their journal records in %.1f s%n",
                    messages, (System.nanoTime() - t0) / 1e9);
            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            mailclerk.mail.ServerSettings imap = mailclerk.mail.ServerSettings.imap(s);
            mailclerk.mail.Folders folders = mailclerk.mail.Folders.from(s);
            report("IMAP only: ClerkFolder.list (connect, header fields of every message)", () -> {
                try (mailclerk.mail.ClerkFolder f = mailclerk.mail.ClerkFolder.open(imap, folders)) {
                    return f.list().size();
                }
            });
            report("ClerkDesk.queue, first page, oldest first", () -> desk.queue(QueueQuery.all()).rows().size());
            report("ClerkDesk.queue, search 'filer4999'", () -> desk.queue(QueueQuery.of("", "", "", "", "filer4999", "1")).matching());
            report("ClerkDesk.queue, topic filter, sorted by sender, page 20", () ->
                    desk.queue(QueueQuery.of("sender", "linking-error", "", "", "", "20")).rows().size());
            long uv = uvOf(server);
            List<HandledMessage> records = journal.messages().all();
            report("journal only: a record per message, one query each (the old way)", () -> {
                int found = 0;
                for (HandledMessage h : records) {
                    if (journal.messages().filedAt(desk.journalKey(), "Needs-Clerk", uv, h.uid(), h.messageId(), h.sender(), h.subject()).isPresent()) found++;
                }
                return found;
            });
            report("journal only: every record in one query (filedAtAll)", () -> journal.messages().filedAtAll(desk.journalKey(), "Needs-Clerk", uv,
                    records.stream().map(h -> new mailclerk.queue.Messages.FiledKey(h.uid(), h.messageId(), h.sender(), h.subject())).toList()).size());
            try (ConsoleServer console = Wiring.console(s, journal)) {
                String base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
                HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                        .POST(HttpRequest.BodyPublishers.ofString("name=ann&password=bench-password")).build(),
                        HttpResponse.BodyHandlers.discarding());
                String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                report("GET /queue over HTTP (the page a clerk waits for)", () -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/queue")).header("Cookie", cookie)
                            .build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) throw new IllegalStateException("status " + r.statusCode());
                    return r.body().length();
                });
            }
        }
    }

    interface Work {
        int run() throws Exception;
    }

    static void report(String what, Work w) throws Exception {
        for (int i = 0; i < WARMUP; i++) w.run();
        List<Double> ms = new ArrayList<>();
        int result = 0;
        for (int i = 0; i < RUNS; i++) {
            long t = System.nanoTime();
            result = w.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        ms.sort(null);
        System.out.printf(Locale.ROOT, "%-70s median %7.1f ms, slowest %7.1f ms (result %d)%n", what, ms.get(RUNS / 2),
                ms.get(RUNS - 1), result);
    }

    static long uvOf(TestMailServer server) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", server.greenMail.getImap().getPort(), "helpdesk", TestMailServer.PASSWORD);
            Folder f = store.getFolder("Needs-Clerk");
            f.open(Folder.READ_ONLY);
            long uv = ((UIDFolder) f).getUIDValidity();
            f.close(false);
            return uv;
        }
    }

    /** Appends the messages to Needs-Clerk (\Flagged) and records each in the journal as the responder files it. */
    /** {@code mailbox}: the help desk's journal key, as the responder records it. */
    static void fill(TestMailServer server, Journal journal, int n, String mailbox) throws Exception {
        String[] topics = {"linking-error", "where-to-login", "forgot-pacer-credentials", null};
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", server.greenMail.getImap().getPort(), "helpdesk", TestMailServer.PASSWORD);
            Folder f = store.getFolder("Needs-Clerk");
            if (!f.exists()) f.create(Folder.HOLDS_MESSAGES);
            f.open(Folder.READ_WRITE);
            for (int from = 0; from < n; from += 500) {
                List<Message> batch = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 500); i++) {
                    String raw = "From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                            + "Subject: PACER question " + i + "\r\nMessage-ID: <bench" + i + "@firm.example>\r\n"
                            + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\nI cannot log in to PACER, message " + i + ".\r\n";
                    MimeMessage m = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
                    m.setFlag(Flags.Flag.FLAGGED, true);
                    batch.add(m);
                }
                f.appendMessages(batch.toArray(Message[]::new));
            }
            long uv = ((UIDFolder) f).getUIDValidity();
            Message[] all = f.getMessages();
            f.fetch(all, fetchUids());
            for (int i = 0; i < all.length; i++) {
                long uid = ((UIDFolder) f).getUID(all[i]);
                HandledMessage h = journal.messages().received(mailbox, 1, uid, "<bench" + i + "@firm.example>", "filer" + i + "@firm.example",
                        "PACER question " + i);
                String topic = topics[i % topics.length];
                journal.messages().decided(h.id(), "flag", topic, 0.4, topic == null ? "no topic is likely" : "not sure enough", "v-bench",
                        null, null);
                journal.messages().filed(h.id(), "Needs-Clerk", uv, uid);
            }
            f.close(false);
        }
    }

    private static jakarta.mail.FetchProfile fetchUids() {
        jakarta.mail.FetchProfile fp = new jakarta.mail.FetchProfile();
        fp.add(UIDFolder.FetchProfileItem.UID);
        return fp;
    }
}
