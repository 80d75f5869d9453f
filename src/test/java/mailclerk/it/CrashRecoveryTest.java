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

/**
 * What a crash or an outage at a step boundary leaves in the journal, and what the next poll makes of it:
 * never a second reply, never a lost message.
 */
class CrashRecoveryTest {
    @TempDir
    Path data;

    /** Journal state as a crash right after {@code stage} was recorded would leave it. */
    private static void crashedAt(Journal journal, Responder r, long uidValidity, long uid, Stage stage) {
        HandledMessage h = journal.received(r.mailboxKey(), uidValidity, uid, "<m1@firm.example>", "filer1@firm.example", "PACER");
        journal.decided(h.id(), "reply", "forgot-pacer-credentials", 0.99, "confident", "test", "filer1@firm.example",
                "<mailclerk.1.abc@iasb.uscourts.gov>");
        journal.stage(h.id(), stage);
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
}
