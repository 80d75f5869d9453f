package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.PilotReport;
import mailclerk.respond.PollResult;
import mailclerk.web.ClerkDesk;
import mailclerk.web.QueueRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pilot: shadow mode answers nobody and hands every would-be reply to the clerks; live topics one at a time. */
class PilotModeTest {
    @TempDir
    Path dir;

    static final String WHERE = "Where do I go to log in to CM/ECF now? What is the web address for the login page?";
    static final String FORGOT = "I forgot my PACER password and cannot log in. How do I reset it?";
    static final String REGISTER = "How do I create a new PACER account? I have never had one.";
    static final String CASE = "Is my chapter 13 case closed yet? I have not heard from my lawyer.";

    static byte[] question(int i, String body) {
        return ("From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                + "Subject: question " + i + "\r\nMessage-ID: <p" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private Settings settings(TestMailServer server, Map<String, String> extra) throws Exception {
        return server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString())).with(extra);
    }

    @Test
    void shadowModeSendsNothingAndQueuesEveryWouldBeReplyWithItsDraft() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = settings(server, Map.of("reply.mode", "shadow"));
            server.deliver(question(1, WHERE));
            server.deliver(question(2, FORGOT));
            server.deliver(question(3, REGISTER));
            server.deliver(question(4, CASE));
            PollResult r = Wiring.responder(s, journal).pollOnce();
            assertThat(r.count("reply")).isZero();
            assertThat(r.count("flag")).isEqualTo(4);
            assertThat(server.repliesReceived()).as("no SMTP message leaves in shadow mode").isEmpty();
            assertThat(server.folderCount("Needs-Clerk")).isEqualTo(4);
            assertThat(server.folderCount("Sent")).isZero();
            for (MimeMessage m : server.folderMessages("Needs-Clerk")) {
                boolean draft = !m.getMessageID().equals("<p4@firm.example>");
                assertThat(m.getFlags().contains("mailclerk-draft")).as(m.getMessageID()).isEqualTo(draft);
            }

            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            List<QueueRow> queue = desk.queue();
            assertThat(queue).filteredOn(QueueRow::draft).extracting(QueueRow::topic)
                    .containsExactlyInAnyOrder("where-to-login", "forgot-pacer-credentials", "register-new-pacer-account");
            assertThat(queue).filteredOn(QueueRow::draft).allSatisfy(q -> assertThat(q.reason()).startsWith("pilot (shadow mode)"));
            long where = uidOf(queue, "question 1");
            long forgot = uidOf(queue, "question 2");
            long register = uidOf(queue, "question 3");
            long caseQ = uidOf(queue, "question 4");
            assertThat(desk.open(where, null).orElseThrow().draftTopic()).isEqualTo("where-to-login");
            assertThat(desk.open(caseQ, null).orElseThrow().draftTopic()).isNull();

            // one click sends the suggested answer and confirms the automatic decision
            assertThat(desk.confirmDraft("clara", where)).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(server.repliesReceived()).singleElement().satisfies(m -> {
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo("filer1@firm.example");
                assertThat(m.getHeader("In-Reply-To")[0]).isEqualTo("<p1@firm.example>");
            });
            // "needs a person": a verdict only; the message stays for the clerk, no longer offered as a draft
            assertThat(desk.needsAPerson("clara", forgot)).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(desk.needsAPerson("bert", forgot)).isEqualTo(ClerkDesk.Outcome.NOT_A_DRAFT);
            assertThat(desk.open(forgot, null).orElseThrow().draftTopic()).isNull();
            assertThat(desk.answeredByHand("clara", forgot, "forgot-pacer-credentials")).isEqualTo(ClerkDesk.Outcome.DONE);
            // another topic
            assertThat(desk.sendReply("clara", register, "where-to-login", null)).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(desk.confirmDraft("clara", caseQ)).isEqualTo(ClerkDesk.Outcome.NOT_A_DRAFT);

            PilotReport report = PilotReport.of(journal, Instant.EPOCH, 0.99);
            assertThat(report.topics()).extracting(PilotReport.Row::topic)
                    .containsExactly("forgot-pacer-credentials", "register-new-pacer-account", "where-to-login");
            PilotReport.Row w = row(report, "where-to-login");
            assertThat(w.drafts()).isEqualTo(1);
            assertThat(w.confirmed()).isEqualTo(1);
            assertThat(w.corrected()).isZero();
            assertThat(w.clerkAnswered()).as("the confirmed draft and the corrected one the clerk sent on this topic").isEqualTo(2);
            assertThat(w.coverage()).isEqualTo(0.5);
            assertThat(row(report, "forgot-pacer-credentials").corrected()).isEqualTo(1);
            assertThat(row(report, "register-new-pacer-account").corrected()).isEqualTo(1);
            assertThat(report.readyTopics()).as("one confirmation proves nothing at 0.99").isEmpty();
        }
    }

    @Test
    void inLiveModeOnlyTheLiveTopicsAreAnswered() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = settings(server, Map.of("reply.live-topics", "where-to-login"));
            server.deliver(question(1, WHERE));
            server.deliver(question(2, FORGOT));
            PollResult r = Wiring.responder(s, journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            assertThat(server.repliesReceived()).singleElement()
                    .satisfies(m -> assertThat(m.getAllRecipients()[0].toString()).isEqualTo("filer1@firm.example"));
            assertThat(server.folderIds("Answered")).containsOnlyKeys("<p1@firm.example>");
            assertThat(server.folderIds("Needs-Clerk")).containsOnlyKeys("<p2@firm.example>");
            assertThat(Wiring.clerkDesk(s, journal).queue()).singleElement().satisfies(q -> {
                assertThat(q.draft()).isTrue();
                assertThat(q.reason()).startsWith("pilot (topic not live yet)");
            });
        }
    }

    private static long uidOf(List<QueueRow> queue, String subject) {
        return queue.stream().filter(q -> q.subject().equals(subject)).findFirst().orElseThrow().uid();
    }

    private static PilotReport.Row row(PilotReport r, String topic) {
        return r.topics().stream().filter(x -> x.topic().equals(topic)).findFirst().orElseThrow();
    }
}
