package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Responder;
import mailclerk.web.Accounts;
import mailclerk.web.ClerkDesks;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two help mailboxes ({@code mailboxes=helpdesk,intake}) as two accounts on one GreenMail: one console lists both
 * queues and acts on each message in its own mailbox; rate limits count each mailbox's replies, while one message
 * sent to both desks is answered once.
 */
class SeveralMailboxesTest {
    static final String INTAKE = "intake@iasb.uscourts.gov";
    static final String PASSWORD = "clerk-test-password";

    @TempDir
    Path dir;
    TestMailServer server;
    com.icegreen.greenmail.user.GreenMailUser intakeAccount;
    Journal journal;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() {
        server = new TestMailServer();
        intakeAccount = server.addDesk(INTAKE, "intake");
        journal = Journal.open(dir.resolve("data"));
    }

    @AfterEach
    void stop() {
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    /** Both desks; the intake desk signs in as intake and answers from its own address. */
    private Settings settings(Map<String, String> more) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                "mailboxes", "helpdesk,intake",
                "mailbox.intake.imap.user", "intake",
                "mailbox.intake.helpdesk.address", INTAKE,
                "mailbox.intake.helpdesk.name", "IASB Intake Desk",
                "console.users", "ann:clerk:" + Accounts.hash(PASSWORD.toCharArray())
                        + ",ada:admin:" + Accounts.hash(PASSWORD.toCharArray())));
        o.putAll(more);
        return server.settings(dir.resolve("data")).with(o);
    }

    private static byte[] mail(String from, String to, String subject, String id, String body) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\n"
                + "Date: Tue, 14 Oct 2025 09:00:00 -0500\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private void deliver(String login, byte[] raw) throws Exception {
        (login.equals("intake") ? intakeAccount : server.desk).deliver(mailclerk.mail.HelpMailbox.parse(raw));
    }

    private List<Responder> responders(Settings s) {
        return s.mailboxes().stream().map(id -> Wiring.responder(s.forMailbox(id), journal)).toList();
    }

    private static long uidValidity(TestMailServer server, String login, String folder) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", server.greenMail.getImap().getPort(), login, TestMailServer.PASSWORD);
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_ONLY);
            try {
                return ((UIDFolder) f).getUIDValidity();
            } finally {
                f.close(false);
            }
        }
    }

    /**
     * Both accounts' Needs-Clerk made within one second, as on a server that derives UIDVALIDITY from the time a
     * folder is made (GreenMail, Dovecot): equal UIDVALIDITY, and both number their messages from 1.
     */
    private void foldersWithEqualUidValidity() throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            for (String login : List.of("helpdesk", "intake")) {
                try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
                    store.connect("127.0.0.1", server.greenMail.getImap().getPort(), login, TestMailServer.PASSWORD);
                    Folder f = store.getFolder("Needs-Clerk");
                    if (f.exists()) f.delete(true);
                    f.create(Folder.HOLDS_MESSAGES);
                }
            }
            if (uidValidity(server, "helpdesk", "Needs-Clerk") == uidValidity(server, "intake", "Needs-Clerk")) return;
        }
        throw new IllegalStateException("could not make both folders within one second");
    }

    private HttpResponse<String> send(String base, String method, String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Cookie", cookie);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Logs in; returns the session cookie and the CSRF token. */
    private String[] login(String base, String name) throws Exception {
        HttpResponse<String> r = send(base, "POST", "/login", "name=" + name + "&password=" + PASSWORD, "");
        assertThat(r.statusCode()).isEqualTo(302);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = send(base, "GET", "/queue", null, cookie).body();
        int at = page.indexOf("name=\"csrf\" value=\"");
        return new String[] {cookie, page.substring(at + 19, page.indexOf('"', at + 19))};
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void oneConsoleServesBothMailboxesAndEachActionStaysInItsOwn() throws Exception {
        int deadPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        // the help desk's SMTP server is down, the intake desk has its own: a reply that goes out went through intake's
        Settings s = settings(Map.of("smtp.port", Integer.toString(deadPort),
                "mailbox.intake.smtp.port", Integer.toString(server.greenMail.getSmtp().getPort())));
        foldersWithEqualUidValidity();
        deliver("helpdesk", mail("Dana <dana@firm.example>", TestMailServer.DESK, "Closed case at the help desk", "hd1@firm.example",
                PilotModeTest.CASE));
        deliver("intake", mail("Lee <lee@third.example>", "someone@third.example", "Filing question at intake", "in1@third.example",
                ConsoleWorkdayTest.QUERY));
        for (Responder r : responders(s)) r.pollOnce();
        assertThat(server.folderCount("helpdesk", "Needs-Clerk")).isEqualTo(1);
        assertThat(server.folderCount("intake", "Needs-Clerk")).isEqualTo(1);
        ClerkDesks desks = Wiring.clerkDesks(s, journal);
        String helpdeskKey = desks.find("helpdesk").orElseThrow().journalKey();
        String intakeKey = desks.find("intake").orElseThrow().journalKey();
        assertThat(journal.messages().all()).extracting(h -> h.mailbox()).containsExactlyInAnyOrder(helpdeskKey, intakeKey);

        try (ConsoleServer console = Wiring.console(s, journal)) {
            String base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
            String[] ann = login(base, "ann");
            String queue = send(base, "GET", "/queue", null, ann[0]).body();
            assertThat(queue).contains("Closed case at the help desk").contains("Filing question at intake")
                    .contains("href=\"/message/1?mailbox=helpdesk\"").contains("href=\"/message/1?mailbox=intake\"")
                    .contains("<td class=\"mailbox\">helpdesk</td>").contains("<td class=\"mailbox\">intake</td>")
                    .contains("<option value=\"intake\"");
            // "why flagged" is each message's own, although both sit at the same UIDVALIDITY and UID
            assertThat(row(queue, "Closed case at the help desk")).doesNotContain("not in To or Cc");
            assertThat(row(queue, "Filing question at intake")).contains("the help desk is not in To or Cc");

            String intakeOnly = send(base, "GET", "/queue?mailbox=intake", null, ann[0]).body();
            assertThat(intakeOnly).contains("Filing question at intake").doesNotContain("Closed case at the help desk")
                    .contains("<option value=\"intake\" selected");
            for (String bad : List.of("nope", "<b>x</b>", "helpdesk@127.0.0.1")) {
                HttpResponse<String> r = send(base, "GET", "/queue?mailbox=" + enc(bad), null, ann[0]);
                assertThat(r.statusCode()).as(bad).isEqualTo(400);
                assertThat(r.body()).doesNotContain(bad).doesNotContain("<b>x");
                HttpResponse<String> m = send(base, "GET", "/message/1?mailbox=" + enc(bad), null, ann[0]);
                assertThat(m.statusCode()).as(bad).isEqualTo(404);
                assertThat(m.body()).doesNotContain(bad).doesNotContain("<b>x");
            }
            assertThat(send(base, "GET", "/message/1", null, ann[0]).statusCode()).as("which mailbox's UID 1?").isEqualTo(400);
            assertThat(send(base, "POST", "/message/1/not-a-question", "csrf=" + ann[1], ann[0]).statusCode()).isEqualTo(400);

            String page = send(base, "GET", "/message/1?mailbox=intake", null, ann[0]).body();
            assertThat(page).contains("Filing question at intake").contains("intake (intake@iasb.uscourts.gov)")
                    .contains("action=\"/message/1/send?mailbox=intake\"").contains("action=\"/message/1/claim?mailbox=intake\"")
                    .contains("<input type=\"hidden\" name=\"mailbox\" value=\"intake\">").doesNotContain("Closed case");

            HttpResponse<String> claimed = send(base, "POST", "/message/1/claim?mailbox=intake", "csrf=" + ann[1], ann[0]);
            assertThat(claimed.headers().firstValue("Location")).contains("/message/1?mailbox=intake&notice=claimed");
            queue = send(base, "GET", "/queue", null, ann[0]).body();
            assertThat(row(queue, "Filing question at intake")).contains("ann is on it");
            assertThat(row(queue, "Closed case at the help desk")).doesNotContain("is on it");

            // the help desk's SMTP server is down: its message stays; the intake desk sends through its own
            HttpResponse<String> down = send(base, "POST", "/message/1/send?mailbox=helpdesk",
                    "csrf=" + ann[1] + "&topic=linking-error", ann[0]);
            assertThat(down.statusCode()).isEqualTo(503);
            HttpResponse<String> sent = send(base, "POST", "/message/1/send?mailbox=intake",
                    "csrf=" + ann[1] + "&topic=linking-error&body=" + enc("Dear Lee, here is what to do."), ann[0]);
            assertThat(sent.headers().firstValue("Location")).contains("/queue?notice=reply-sent");

            List<MimeMessage> replies = server.repliesReceived();
            assertThat(replies).singleElement().satisfies(m -> {
                assertThat(((InternetAddress) m.getFrom()[0]).getAddress()).isEqualTo(INTAKE);
                assertThat(((InternetAddress) m.getFrom()[0]).getPersonal()).isEqualTo("IASB Intake Desk");
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo("lee@third.example");
            });
            assertThat(server.folderCount("intake", "Needs-Clerk")).isZero();
            assertThat(server.folderCount("intake", "Answered")).isEqualTo(1);
            assertThat(server.folderCount("intake", "Sent")).isEqualTo(1);
            assertThat(server.folderCount("helpdesk", "Needs-Clerk")).as("the help desk's UID 1 untouched").isEqualTo(1);
            assertThat(server.folderCount("helpdesk", "Answered")).isZero();
            assertThat(server.folderCount("helpdesk", "Sent")).isZero();

            assertThat(journal.reports().audit(intakeKey, null, null, null, null, 10)).singleElement()
                    .satisfies(e -> assertThat(e.by()).isEqualTo("ann"));
            assertThat(journal.reports().audit(helpdeskKey, null, null, null, null, 10)).isEmpty();
            queue = send(base, "GET", "/queue", null, ann[0]).body();
            assertThat(queue).contains("Closed case at the help desk").doesNotContain("Filing question at intake");

            String[] ada = login(base, "ada");
            String audit = send(base, "GET", "/audit?mailbox=intake", null, ada[0]).body();
            assertThat(audit).contains("<td class=\"mailbox\">intake</td>").contains("lee@third.example");
            assertThat(send(base, "GET", "/audit?mailbox=helpdesk", null, ada[0]).body()).doesNotContain("lee@third.example");
            assertThat(send(base, "GET", "/audit?mailbox=evil", null, ada[0]).statusCode()).isEqualTo(400);
        }
    }

    @Test
    void aMailboxWhoseServerIsDownIsNamedWhileTheOthersAreListed() throws Exception {
        int deadPort;
        try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
            deadPort = probe.getLocalPort();
        }
        Settings s = settings(Map.of());
        deliver("helpdesk", mail("Dana <dana@firm.example>", TestMailServer.DESK, "Closed case", "hd1@firm.example", PilotModeTest.CASE));
        responders(s).get(0).pollOnce();
        ClerkDesks desks = Wiring.clerkDesks(s.with(Map.of("mailbox.intake.imap.port", Integer.toString(deadPort))), journal);
        mailclerk.web.QueuePage page = desks.queue(mailclerk.web.QueueQuery.all());
        assertThat(page.rows()).singleElement().satisfies(r -> assertThat(r.mailbox()).isEqualTo("helpdesk"));
        assertThat(page.unavailable()).containsExactly("intake");
        ClerkDesks allDown = Wiring.clerkDesks(s.with(Map.of("imap.port", Integer.toString(deadPort))), journal);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> allDown.queue(mailclerk.web.QueueQuery.all()))
                .isInstanceOf(jakarta.mail.MessagingException.class);
    }

    /** The queue table's row that holds {@code subject}. */
    private static String row(String page, String subject) {
        int at = page.indexOf(subject);
        assertThat(at).as(subject).isPositive();
        return page.substring(page.lastIndexOf("<tr>", at), page.indexOf("</tr>", at));
    }

    @Test
    void rateLimitsArePerMailboxButAMessageToBothDesksIsAnsweredOnce() throws Exception {
        Settings s = settings(Map.of());
        List<Responder> rs = responders(s);
        Responder helpdesk = rs.get(0);
        Responder intake = rs.get(1);
        String forgot = "I forgot my PACER password and cannot log in. How do I reset it?";
        // one message to both desks (same Message-ID in both accounts)
        byte[] both = mail("Pat <pat@firm.example>", TestMailServer.DESK + ", " + INTAKE, "PACER password", "both@firm.example", forgot);
        deliver("helpdesk", both);
        deliver("intake", both);
        assertThat(helpdesk.pollOnce().outcomes()).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("reply"));
        assertThat(intake.pollOnce().outcomes()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo("flag");
            assertThat(o.reason()).startsWith("answered by " + TestMailServer.DESK);
        });
        // the same question again, to the intake desk: the help desk's answer does not count against it
        deliver("intake", mail("Pat <pat@firm.example>", INTAKE, "PACER password again", "again@firm.example", forgot));
        assertThat(intake.pollOnce().outcomes()).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("reply"));
        // and once more to the help desk, which already answered it
        deliver("helpdesk", mail("Pat <pat@firm.example>", TestMailServer.DESK, "PACER password once more", "more@firm.example", forgot));
        assertThat(helpdesk.pollOnce().outcomes()).singleElement().satisfies(o -> {
            assertThat(o.action()).isEqualTo("flag");
            assertThat(o.reason()).startsWith("rate limit");
        });
        assertThat(server.repliesReceived()).hasSize(2).extracting(m -> ((InternetAddress) m.getFrom()[0]).getAddress())
                .containsExactlyInAnyOrder(TestMailServer.DESK, INTAKE);
    }
}
