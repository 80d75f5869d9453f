package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.ServerSettings;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.queue.Stage;
import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a crash or an outage at a step boundary leaves in the journal, and what the next poll makes of it:
 * never a second reply, never a lost message.
 */
class CrashRecoveryTest {
    @TempDir
    Path data;

    /** Journal state as a crash right after {@code stage} was recorded would leave it. */
    private static void crashedAt(Journal journal, Responder r, long uidValidity, long uid, Stage stage) {
        HandledMessage h = journal.messages().received(r.mailboxKey(), uidValidity, uid, "<m1@firm.example>", "filer1@firm.example", "PACER");
        journal.messages().decided(h.id(), "reply", "forgot-pacer-credentials", 0.99, "confident", "test", "filer1@firm.example",
                "<mailclerk.1.abc@iasb.uscourts.gov>");
        journal.messages().stage(h.id(), stage);
    }

    private static long[] uidAndValidity(Settings s) throws Exception {
        try (HelpMailbox mbx = HelpMailbox.open(ServerSettings.imap(s), Folders.from(s))) {
            return new long[] {mbx.uidsAfter(0).get(0), mbx.uidValidity()};
        }
    }

    @Test
    void aReplyThatMayHaveBeenSentIsFlaggedNeverResent() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            Settings s = server.settings(data);
            server.deliver(PollingTest.message(1));
            long[] u = uidAndValidity(s);
            Responder r = Wiring.responder(s, journal);
            crashedAt(journal, r, u[1], u[0], Stage.SENDING);
            PollResult result = r.pollOnce();
            assertThat(result.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.action()).isEqualTo("flag");
                assertThat(o.folder()).isEqualTo("Needs-Clerk");
                assertThat(o.reason()).contains("may have been sent");
            });
            assertThat(server.repliesReceived()).isEmpty();
            assertThat(server.folderIds("Needs-Clerk")).containsEntry("<m1@firm.example>", true);
        }
    }

    @Test
    void aReplyConfirmedSentIsFiledWithoutSendingAgain() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            Settings s = server.settings(data);
            server.deliver(PollingTest.message(1));
            long[] u = uidAndValidity(s);
            Responder r = Wiring.responder(s, journal);
            crashedAt(journal, r, u[1], u[0], Stage.SENT);
            PollResult result = r.pollOnce();
            assertThat(result.outcomes()).singleElement().satisfies(o -> assertThat(o.folder()).isEqualTo("Answered"));
            assertThat(server.repliesReceived()).isEmpty();
        }
    }

    @Test
    void whenSmtpIsDownTheMessageWaitsAndIsAnsweredOnceLater() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            Settings up = server.settings(data);
            int deadPort;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                deadPort = probe.getLocalPort();
            }
            Settings down = up.with(Map.of("smtp.port", Integer.toString(deadPort)));
            server.deliver(PollingTest.message(1));
            server.deliver(PollingTest.message(2));
            PollResult first = Wiring.responder(down, journal).pollOnce();
            assertThat(first.outcomes()).hasSize(2).allMatch(o -> !o.done());
            assertThat(server.folderCount("INBOX")).isEqualTo(2);
            assertThat(server.repliesReceived()).isEmpty();

            PollResult second = Wiring.responder(up, journal).pollOnce();
            assertThat(second.count("reply")).isEqualTo(2);
            assertThat(server.folderCount("INBOX")).isZero();
            assertThat(server.repliesReceived()).hasSize(2);
            assertThat(Wiring.responder(up, journal).pollOnce().outcomes()).isEmpty();
        }
    }

    /**
     * A crash right after each stage was recorded, for every stage: what the filer got before the crash plus what
     * the next poll sends is one reply at most, and the message ends in exactly one folder.
     */
    @ParameterizedTest(name = "crash after {0}")
    @EnumSource(Stage.class)
    void aCrashAfterAnyStageEndsInOneFolderWithAtMostOneReply(Stage stage) throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            Settings s = server.settings(data);
            server.deliver(PollingTest.message(1));
            long[] u = uidAndValidity(s);
            Responder r = Wiring.responder(s, journal);
            int repliedBeforeCrash = 0;
            if (stage == Stage.RECEIVED) {
                journal.messages().received(r.mailboxKey(), u[1], u[0], "<m1@firm.example>", "filer1@firm.example", "PACER");
            } else {
                crashedAt(journal, r, u[1], u[0], stage);
            }
            if (stage == Stage.SENT || stage == Stage.FILED) {
                // the reply went out before the crash
                server.greenMail.setUser("filer1@firm.example", "filer1", "x");
                jakarta.mail.internet.MimeMessage sent = new jakarta.mail.internet.MimeMessage(
                        jakarta.mail.Session.getInstance(new java.util.Properties()));
                sent.setFrom("helpdesk@iasb.uscourts.gov");
                sent.setRecipients(jakarta.mail.Message.RecipientType.TO, "filer1@firm.example");
                sent.setSubject("Re: PACER");
                sent.setText("answer");
                server.greenMail.getUserManager().getUserByEmail("filer1@firm.example").deliver(sent);
                repliedBeforeCrash = 1;
            }
            if (stage == Stage.FILED) {
                HandledMessage h = journal.messages().find(r.mailboxKey(), u[1], u[0]).orElseThrow();
                journal.messages().filed(h.id(), "Answered", -1, -1); // recorded, but the crash came before the move reached the server
            }
            PollResult result = r.pollOnce();
            assertThat(result.outcomes()).singleElement().satisfies(o -> assertThat(o.done()).isTrue());
            assertThat(server.repliesReceived()).hasSizeLessThanOrEqualTo(1);
            if (stage == Stage.RECEIVED || stage == Stage.DECIDED) assertThat(server.repliesReceived()).hasSize(1);
            if (stage == Stage.SENDING) assertThat(server.folderCount("Needs-Clerk")).isEqualTo(1);
            assertThat(server.repliesReceived().size() - repliedBeforeCrash).isLessThanOrEqualTo(1);
            assertThat(server.folderCount("INBOX")).isZero();
            assertThat(server.folderCount("Answered") + server.folderCount("Needs-Clerk") + server.folderCount("Ignored"))
                    .isEqualTo(1);
            assertThat(Wiring.responder(s, journal).pollOnce().outcomes()).isEmpty();
        }
    }
}
