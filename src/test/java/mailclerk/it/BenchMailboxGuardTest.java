package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import java.nio.file.Path;
import java.util.Map;
import mailclerk.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `bench-mailbox --configured` polls a real mailbox and sends real replies: it refuses a mailbox not marked as a test
 * mailbox, and one whose inbox already holds mail, and answers only the senders it seeded.
 */
class BenchMailboxGuardTest {
    @TempDir
    Path dir;

    @Test
    void onlyAnEmptyTestMailboxAndOnlyTheSeededSenders() throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            Path models = TestModels.copyActive(dir);
            Path unmarked = server.configFile(dir.resolve("court.properties"), dir.resolve("data"), Map.of("models.dir", models.toString()));
            assertThat(CommandRun.of("bench-mailbox", "--configured", "--messages", "5", "--config", unmarked.toString()).exit())
                    .as("not marked as a test mailbox").isEqualTo(2);
            assertThat(server.folderCount("INBOX")).as("nothing put in the court's inbox").isZero();

            Path marked = server.configFile(dir.resolve("test.properties"), dir.resolve("data"),
                    Map.of("models.dir", models.toString(), "bench.test-mailbox", "true"));
            server.deliver(PilotModeTest.question(1, PilotModeTest.FORGOT));
            assertThat(CommandRun.of("bench-mailbox", "--configured", "--messages", "5", "--config", marked.toString()).exit())
                    .as("a filer's message is waiting").isEqualTo(2);
            assertThat(server.folderCount("INBOX")).as("left as it was").isEqualTo(1);
            assertThat(server.repliesReceived()).isEmpty();

            server.deleteMessage("INBOX", "<p1@firm.example>");
            assertThat(CommandRun.of("bench-mailbox", "--configured", "--messages", "20", "--config", marked.toString()).exit())
                    .isZero();
            assertThat(server.repliesReceived()).isNotEmpty().allSatisfy(m ->
                    assertThat(((InternetAddress) m.getAllRecipients()[0]).getAddress()).endsWith("@bench.example"));
        }
    }
}
