package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
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
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import mailclerk.respond.PilotReport;
import mailclerk.respond.Responder;
import mailclerk.web.ClerkDesk;
import mailclerk.web.QueueRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One verdict per pilot draft, and the draft's suggested answer is the automatic one: "Send the suggested answer"
 * and "Needs a person" at the same moment make one outcome; an edited answer is a correction, not a confirmation;
 * a draft whose message another desk already answered cannot be sent, and a clerk's answer keeps the other desk's
 * automatic reply from following it.
 */
class DraftVerdictTest {
    static final String INTAKE = "intake@iasb.uscourts.gov";

    @TempDir
    Path dir;

    private Settings settings(TestMailServer server, Map<String, String> extra) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("models.dir", TestModels.copyActive(dir).toString()));
        o.putAll(extra);
        return server.settings(dir.resolve("data")).with(o);
    }

    @Test
    void confirmAndNeedsAPersonAtTheSameMomentMakeOneOutcome() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = settings(server, Map.of("reply.mode", "shadow"));
            int drafts = 6;
            for (int i = 0; i < drafts; i++) server.deliver(PilotModeTest.question(i, PilotModeTest.FORGOT));
            Wiring.responder(s, journal).pollOnce();
            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            List<QueueRow> queue = desk.queue();
            assertThat(queue).hasSize(drafts).allMatch(QueueRow::draft);

            ExecutorService pool = Executors.newFixedThreadPool(2);
            int confirmedWins = 0;
            try {
                for (QueueRow row : queue) {
                    CyclicBarrier together = new CyclicBarrier(2);
                    Future<ClerkDesk.Outcome> ann = pool.submit(() -> {
                        together.await();
                        return desk.confirmDraft("ann", row.uid());
                    });
                    Future<ClerkDesk.Outcome> bob = pool.submit(() -> {
                        together.await();
                        return desk.needsAPerson("bob", row.uid());
                    });
                    ClerkDesk.Outcome a = ann.get(60, TimeUnit.SECONDS);
                    ClerkDesk.Outcome b = bob.get(60, TimeUnit.SECONDS);
                    assertThat(List.of(a, b)).as("draft " + row.uid() + ": one of the two happened").containsOnlyOnce(ClerkDesk.Outcome.DONE);
                    if (a == ClerkDesk.Outcome.DONE) confirmedWins++;
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.repliesReceived()).as("a reply for each confirmation that won, none for the others")
                    .hasSize(confirmedWins);
            PilotReport.Row r = PilotReport.of(journal, Instant.EPOCH, 0.99).topics().get(0);
            assertThat(r.confirmed()).isEqualTo(confirmedWins);
            assertThat(r.corrected()).isEqualTo(drafts - confirmedWins);
            System.out.printf("confirm vs needs a person on %d drafts: %d confirmed, %d corrected%n", drafts, confirmedWins,
                    drafts - confirmedWins);
        }
    }

    @Test
    void anEditedSuggestedAnswerIsACorrectionAndAnUneditedOneAConfirmation() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = settings(server, Map.of("reply.mode", "shadow"));
            server.deliver(PilotModeTest.question(1, PilotModeTest.FORGOT));
            server.deliver(PilotModeTest.question(2, PilotModeTest.FORGOT));
            Wiring.responder(s, journal).pollOnce();
            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            List<QueueRow> queue = desk.queue();
            QueueRow first = queue.get(0);
            QueueRow second = queue.get(1);
            String suggested = desk.open(first.uid(), null).orElseThrow().replyPreview();
            // the suggested answer as a browser sends it back (CRLF, a trailing blank): unchanged, so it confirms
            assertThat(desk.sendReply("ann", first.uid(), first.topic(), suggested.replace("\n", " \r\n")))
                    .isEqualTo(ClerkDesk.Outcome.DONE);
            // the same topic, rewritten by the clerk: what went out is not the automatic answer
            assertThat(desk.sendReply("ann", second.uid(), second.topic(), "Dear filer, please call us at the number below."))
                    .isEqualTo(ClerkDesk.Outcome.DONE);
            PilotReport.Row r = PilotReport.of(journal, Instant.EPOCH, 0.99).topics().get(0);
            assertThat(r.confirmed()).isEqualTo(1);
            assertThat(r.corrected()).isEqualTo(1);
        }
    }

    @Test
    void aDraftAnsweredAtAnotherDeskIsNotSentAndAClerksAnswerStopsTheOtherDesksReply() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            GreenMailUser intake = server.addDesk(INTAKE, "intake");
            // the help desk answers live; the intake desk is in its shadow pilot
            Settings s = settings(server, Map.of("mailboxes", "helpdesk,intake", "mailbox.intake.imap.user", "intake",
                    "mailbox.intake.helpdesk.address", INTAKE, "mailbox.intake.reply.mode", "shadow"));
            Responder helpdesk = Wiring.responder(s.forMailbox("helpdesk"), journal);
            Responder intakeDesk = Wiring.responder(s.forMailbox("intake"), journal);
            ClerkDesk intakeClerks = Wiring.clerkDesk(s.forMailbox("intake"), journal);

            // 1: the intake desk's draft first, then the help desk answers the same message automatically
            byte[] first = toBoth(1);
            server.deliver(first);
            intake.deliver(HelpMailbox.parse(first));
            assertThat(intakeDesk.pollOnce().outcomes()).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("flag"));
            assertThat(helpdesk.pollOnce().outcomes()).singleElement().satisfies(o -> assertThat(o.action()).isEqualTo("reply"));
            long draft = intakeClerks.queue().get(0).uid();
            assertThat(intakeClerks.confirmDraft("ann", draft)).isEqualTo(ClerkDesk.Outcome.ANSWERED_ELSEWHERE);
            assertThat(server.repliesReceived()).as("only the help desk's automatic answer").hasSize(1);

            // 2: a clerk sends the intake desk's suggested answer first; the help desk then answers nobody
            byte[] second = toBoth(2);
            intake.deliver(HelpMailbox.parse(second));
            intakeDesk.pollOnce();
            long draft2 = intakeClerks.queue().stream().filter(q -> q.subject().equals("PACER password 2")).findFirst()
                    .orElseThrow().uid();
            assertThat(intakeClerks.confirmDraft("ann", draft2)).isEqualTo(ClerkDesk.Outcome.DONE);
            server.deliver(second);
            List<Outcome> outcomes = new ArrayList<>(helpdesk.pollOnce().outcomes());
            assertThat(outcomes).singleElement().satisfies(o -> {
                assertThat(o.action()).isEqualTo("flag");
                assertThat(o.reason()).startsWith("answered by " + INTAKE + ": a clerk (ann)");
            });
            assertThat(server.repliesReceived()).as("the clerk's answer and no automatic one after it").hasSize(2);
        }
    }

    @Test
    void aClerkSendThatNeverLeftClaimsNothingAndAnAnswerByHandDoes() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            GreenMailUser intake = server.addDesk(INTAKE, "intake");
            Settings s = settings(server, Map.of("mailboxes", "helpdesk,intake", "mailbox.intake.imap.user", "intake",
                    "mailbox.intake.helpdesk.address", INTAKE, "mailbox.intake.reply.mode", "shadow",
                    "mailbox.helpdesk.reply.mode", "shadow"));
            int closedPort;
            try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
                closedPort = socket.getLocalPort();
            }
            Responder helpdesk = Wiring.responder(s.forMailbox("helpdesk"), journal);
            Responder intakeDesk = Wiring.responder(s.forMailbox("intake"), journal);
            ClerkDesk intakeNoSmtp = Wiring.clerkDesk(s.forMailbox("intake").with(Map.of("smtp.port", Integer.toString(closedPort))),
                    journal);
            ClerkDesk helpdeskClerks = Wiring.clerkDesk(s.forMailbox("helpdesk"), journal);
            byte[] one = toBoth(1);
            server.deliver(one);
            intake.deliver(HelpMailbox.parse(one));
            intakeDesk.pollOnce();
            helpdesk.pollOnce();
            long atIntake = intakeNoSmtp.queue().get(0).uid();
            long atHelpdesk = helpdeskClerks.queue().get(0).uid();
            // the intake clerk's send never reaches a mail server: it claims nothing, so the help desk may still answer
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> intakeNoSmtp.confirmDraft("ann", atIntake))
                    .isInstanceOf(jakarta.mail.MessagingException.class);
            assertThat(helpdeskClerks.confirmDraft("bob", atHelpdesk)).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(server.repliesReceived()).hasSize(1);

            // answered by hand at one desk: the other desk's suggested answer is not sent after it
            byte[] two = toBoth(2);
            server.deliver(two);
            intake.deliver(HelpMailbox.parse(two));
            intakeDesk.pollOnce();
            helpdesk.pollOnce();
            ClerkDesk intakeClerks = Wiring.clerkDesk(s.forMailbox("intake"), journal);
            long byHand = helpdeskClerks.queue().stream().filter(q -> q.subject().equals("PACER password 2")).findFirst().orElseThrow().uid();
            long draft = intakeClerks.queue().stream().filter(q -> q.subject().equals("PACER password 2")).findFirst().orElseThrow().uid();
            assertThat(helpdeskClerks.answeredByHand("bob", byHand, "forgot-pacer-credentials")).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(intakeClerks.confirmDraft("ann", draft)).isEqualTo(ClerkDesk.Outcome.ANSWERED_ELSEWHERE);
            assertThat(server.repliesReceived()).hasSize(1);
        }
    }

    private static byte[] toBoth(int i) {
        return ("From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nCc: " + INTAKE
                + "\r\nSubject: PACER password " + i + "\r\nMessage-ID: <both" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n" + PilotModeTest.FORGOT + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
