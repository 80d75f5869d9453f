package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch is decided on every core a chunk at a time, each message ahead of its turn; the result must be exactly that
 * of deciding one message after another. A filer who sends the same question several times in one backlog, spread
 * over several chunks and twice within one, gets one answer; one who was answered in an earlier poll gets none.
 */
class DecidedInTurnTest {
    @TempDir
    Path dir;

    private static byte[] question(String from, int n) {
        return ("From: " + from + "\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: forgot my PACER password\r\n"
                + "Message-ID: <turn" + n + "." + from.replace('@', '.') + ">\r\nDate: Mon, 1 Dec 2025 09:00:00 -0600\r\n\r\n"
                + "Hello, I forgot my PACER password and cannot log in. How do I reset my PACER password? Thank you.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aFilersRepeatsAcrossChunksAreAnsweredOnceAndAnEarlierPollsAnswerCounts() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString()));
            server.deliver(question("early@firm.example", 0));
            List<Outcome> first = Wiring.responder(s, journal).pollOnce().outcomes();
            assertThat(first).singleElement().satisfies(o -> assertThat(o.action()).as(o.reason()).isEqualTo("reply"));

            // 40 messages: "ann" at 0, 1 (one chunk), 20 and 39 (later chunks); "early" again at 25; others once each
            for (int i = 0; i < 40; i++) {
                String from = switch (i) {
                    case 0, 1, 20, 39 -> "ann@firm.example";
                    case 25 -> "early@firm.example";
                    default -> "filer" + i + "@firm" + i + ".example";
                };
                server.deliver(question(from, i + 1));
            }
            List<Outcome> second = Wiring.responder(s, journal).pollOnce().outcomes();
            assertThat(second).hasSize(40);
            List<Outcome> ann = second.stream().filter(o -> o.messageId().contains("ann.firm")).toList();
            assertThat(ann).hasSize(4);
            assertThat(ann.get(0).action()).as(ann.get(0).reason()).isEqualTo("reply");
            for (Outcome o : ann.subList(1, 4)) {
                assertThat(o.action()).isEqualTo("flag");
                assertThat(o.reason()).startsWith("rate limit");
            }
            Outcome early = second.stream().filter(o -> o.messageId().contains("early.firm")).findFirst().orElseThrow();
            assertThat(early.action()).as("answered in the poll before: the journal, not the batch, knows it").isEqualTo("flag");
            assertThat(early.reason()).startsWith("rate limit");
            long others = second.stream().filter(o -> o.messageId().contains(".firm") && o.messageId().matches(".*filer\\d+.*"))
                    .filter(o -> o.action().equals("reply")).count();
            assertThat(others).as("every other filer answered once").isEqualTo(35);
        }
    }
}
