package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import mailclerk.classify.ModelStore;
import mailclerk.classify.ModelStoreTest;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An administrator activates another model while the responder runs: the next poll uses it. */
class ModelSwitchTest {
    static byte[] question(String who) {
        return ("From: " + who + " <" + who + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: PACER\r\n"
                + "Message-ID: <" + who + "@firm.example>\r\n\r\nI forgot my PACER password and cannot log in, "
                + "how do I reset it?\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void theNextPollUsesTheNewlyActivatedModel(@TempDir Path data, @TempDir Path models) throws Exception {
        ModelStore store = ModelStoreTest.twoVersions(models, 1.01); // "b" never answers automatically
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            Settings s = server.settings(data).with(Map.of("models.dir", models.toString()));
            Responder responder = Wiring.responder(s, journal);
            server.deliver(question("first"));
            PollResult one = responder.pollOnce();
            assertThat(one.count("reply")).isEqualTo(1);

            store.activate("b");
            server.deliver(question("second"));
            PollResult two = responder.pollOnce();
            assertThat(two.count("flag")).isEqualTo(1);
            assertThat(two.outcomes().get(0).reason()).startsWith("low confidence");
        }
    }
}
