package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.HelpMailbox;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.queue.TestPostgres;
import mailclerk.respond.Outcome;
import mailclerk.respond.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A filer writes To the help desk and Cc the intake desk: both accounts hold the same Message-ID. Both desks are
 * polled at the same moment, so both decide to answer before either has sent; the claim (a primary key in the
 * database) lets one reply out per message and turns the other copy into a flag, "answered by" the desk that did.
 * In one process on the embedded journal, and as two nodes (two pools, two lease holders) on PostgreSQL.
 */
class OneReplyAcrossDesksTest {
    static final String INTAKE = "intake@iasb.uscourts.gov";
    static final int MESSAGES = 50;

    @TempDir
    Path dir;
    Path models;

    @Test
    void oneProcessTwoDesksPolledAtTheSameMoment() throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            GreenMailUser intake = server.addDesk(INTAKE, "intake");
            Settings s = settings(server, dir.resolve("data"), Map.of());
            try (Journal journal = Wiring.journal(s)) {
                Responder helpdesk = Wiring.responder(s.forMailbox("helpdesk"), journal);
                Responder intakeDesk = Wiring.responder(s.forMailbox("intake"), journal);
                deliverToBoth(server, intake);
                pollTogether(helpdesk, intakeDesk);
                assertOneReplyEach(server, List.of(journal));
            }
        }
    }

    @Test
    void twoNodesOnPostgresEachPollingADeskAtTheSameMoment() throws Exception {
        String db = TestPostgres.newDatabase();
        try (TestMailServer server = new TestMailServer()) {
            GreenMailUser intake = server.addDesk(INTAKE, "intake");
            Settings a = settings(server, dir.resolve("data-a"), Map.of("db.url", db, "node.id", "node-a"));
            Settings b = settings(server, dir.resolve("data-b"), Map.of("db.url", db, "node.id", "node-b"));
            try (Journal ja = Wiring.journal(a); Journal jb = Wiring.journal(b)) {
                Responder helpdesk = Wiring.responder(a.forMailbox("helpdesk"), ja);
                Responder intakeDesk = Wiring.responder(b.forMailbox("intake"), jb);
                deliverToBoth(server, intake);
                pollTogether(helpdesk, intakeDesk);
                assertOneReplyEach(server, List.of(ja));
            }
        }
    }

    private Settings settings(TestMailServer server, Path data, Map<String, String> more) throws Exception {
        if (models == null) models = TestModels.copyActive(dir);
        Map<String, String> o = new HashMap<>(Map.of("models.dir", models.toString(),
                "mailboxes", "helpdesk,intake",
                "mailbox.intake.imap.user", "intake",
                "mailbox.intake.helpdesk.address", INTAKE,
                "console.enabled", "false"));
        o.putAll(more);
        return server.settings(data).with(o);
    }

    static byte[] question(int i) {
        return ("From: Filer " + i + " <filer" + i + "@firm" + i + ".example>\r\nTo: " + TestMailServer.DESK + "\r\nCc: " + INTAKE
                + "\r\nSubject: PACER password " + i + "\r\nMessage-ID: <both" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n"
                + "I forgot my PACER password and cannot log in, can you help me reset it?\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void deliverToBoth(TestMailServer server, GreenMailUser intake) throws Exception {
        for (int i = 0; i < MESSAGES; i++) {
            server.deliver(question(i));
            intake.deliver(HelpMailbox.parse(question(i)));
        }
    }

    /**
     * Both desks' polls start at one moment (a barrier), on two threads; then a second round finishes anything left.
     * Usually both decide before either has committed, and the copies are refused at the claim (counted in /metrics);
     * where one desk's decisions are committed first, the other's check when deciding catches them. Either way no
     * message is answered twice; queue/RepliesTest races two claims of one message deterministically.
     */
    private static void pollTogether(Responder one, Responder two) throws Exception {
        double refusedBefore = mailclerk.metrics.Metrics.shared().repliesRefusedAtClaim();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2; round++) {
                CyclicBarrier start = new CyclicBarrier(2);
                List<Future<List<Outcome>>> polls = new ArrayList<>();
                for (Responder r : List.of(one, two)) {
                    polls.add(pool.submit(() -> {
                        start.await();
                        return r.pollOnce().outcomes();
                    }));
                }
                for (Future<List<Outcome>> f : polls) f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        double refused = mailclerk.metrics.Metrics.shared().repliesRefusedAtClaim() - refusedBefore;
        System.out.printf("two desks polled at once: %.0f copies refused at the claim, the rest when deciding%n", refused);
    }

    private static void assertOneReplyEach(TestMailServer server, List<Journal> journals) throws Exception {
        Map<String, Integer> repliesPerMessage = new HashMap<>();
        for (MimeMessage r : server.repliesReceived()) repliesPerMessage.merge(r.getHeader("In-Reply-To", null), 1, Integer::sum);
        assertThat(repliesPerMessage.values()).as("no message answered twice").allMatch(n -> n == 1);
        assertThat(repliesPerMessage).as("every message answered once").hasSize(MESSAGES);

        List<HandledMessage> records = journals.get(0).messages().all();
        assertThat(records).hasSize(2 * MESSAGES);
        for (int i = 0; i < MESSAGES; i++) {
            String id = "<both" + i + "@firm.example>";
            List<HandledMessage> copies = records.stream().filter(h -> id.equals(h.messageId())).toList();
            assertThat(copies).as(id).hasSize(2);
            assertThat(copies).filteredOn(h -> "reply".equals(h.action())).as(id + " replied once").hasSize(1);
            HandledMessage twin = copies.stream().filter(h -> !"reply".equals(h.action())).findFirst().orElseThrow();
            HandledMessage answered = copies.stream().filter(h -> "reply".equals(h.action())).findFirst().orElseThrow();
            assertThat(twin.action()).isEqualTo("flag");
            String desk = answered.mailbox().startsWith("intake@") ? INTAKE : TestMailServer.DESK;
            // "answered by" when the twin's reply had gone out, "being answered by" when it was on its way
            assertThat(twin.reason()).as(id).matches("(being )?answered by " + java.util.regex.Pattern.quote(desk) + ": .*");
            assertThat(twin.folder()).isEqualTo("Needs-Clerk");
        }
        for (String login : List.of("helpdesk", "intake")) {
            assertThat(server.folderCount(login, "INBOX")).as(login + " inbox").isZero();
            assertThat(server.folderCount(login, "Answered") + server.folderCount(login, "Needs-Clerk")).isEqualTo(MESSAGES);
        }
    }
}
