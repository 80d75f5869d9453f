package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mailclerk.cli.Wiring;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real-world, often broken messages written by other mail software (see mime-samples/SOURCES.md). */
class MimeSamplesTest {
    static final Path SAMPLES = Path.of("src/test/resources/mime-samples");

    /** The samples listed in MANIFEST.tsv; each must be present (a .gitignore once hid six of them from clones). */
    static List<Path> samples() throws Exception {
        List<Path> listed = Files.readAllLines(SAMPLES.resolve("MANIFEST.tsv")).stream().skip(1)
                .filter(line -> !line.isBlank()).map(line -> SAMPLES.resolve(line.split("\t")[0])).toList();
        assertThat(listed).hasSize(60).allMatch(Files::isRegularFile);
        return listed;
    }

    @Test
    void everySampleIsReadWithoutAnException() throws Exception {
        List<Path> all = samples();
        MessageReader reader = new MessageReader(ReadLimits.defaults());
        for (Path p : all) {
            IncomingMessage m = reader.read(HelpMailbox.parse(Files.readAllBytes(p)), Files.size(p));
            assertThat(m.text()).as(p.toString()).isNotNull();
        }
    }

    @Test
    void everySampleGoesThroughAPollAndEndsInExactlyOneFolder(@TempDir Path data) throws Exception {
        List<Path> all = samples();
        try (TestMailServer server = new TestMailServer()) {
            for (Path p : all) server.deliver(p);
            int delivered = server.folderCount("INBOX");
            try (Journal journal = Journal.open(data)) {
                PollResult r = Wiring.responder(server.settings(data), journal).pollOnce();
                assertThat(r.outcomes()).hasSize(delivered);
                assertThat(r.outcomes()).allMatch(o -> o.done() && o.folder() != null);
            }
            assertThat(server.folderCount("INBOX")).isZero();
            int filed = server.folderCount("Answered") + server.folderCount("Needs-Clerk") + server.folderCount("Ignored");
            assertThat(filed).isEqualTo(delivered);
            assertThat(delivered).isEqualTo(all.size());
        }
    }
}
