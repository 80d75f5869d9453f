package mailclerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * `classify --json` over 472 real-world messages from other mail software (mime-corpus/SOURCES.md): spam, bounces,
 * list mail, auto-replies, broken MIME. None is a question to the court's help desk, so none may get a reply.
 */
class MimeCorpusTest {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    static final Path CORPUS = Path.of("src/test/resources/mime-corpus");

    @Test
    void oneDecisionPerFileNoStackTraceAndNoReply() throws Exception {
        List<String> files = new ArrayList<>();
        for (String line : Files.readAllLines(CORPUS.resolve("MANIFEST.tsv")).subList(1, 473)) {
            Path p = CORPUS.resolve(line.split("\t")[0]);
            assertThat(p).isRegularFile();
            files.add(p.toString());
        }
        List<String> args = new ArrayList<>(List.of("classify", "--json"));
        args.addAll(files);

        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBuf = new ByteArrayOutputStream();
        ByteArrayOutputStream errBuf = new ByteArrayOutputStream();
        int exit;
        synchronized (CommandsTest.class) {
            System.setOut(new PrintStream(outBuf, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBuf, true, StandardCharsets.UTF_8));
            try {
                exit = Main.commandLine().execute(args.toArray(String[]::new));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
        assertThat(exit).isZero();
        assertThat(errBuf.toString(StandardCharsets.UTF_8)).doesNotContain("\tat ").doesNotContain("Exception");
        List<String> lines = outBuf.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(472);
        Map<String, Integer> actions = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            com.fasterxml.jackson.databind.JsonNode o = JSON.readTree(l);
            assertThat(o.has("reason")).isTrue();
            assertThat(o.get("file").asText()).as("one line per file, in order").isEqualTo(files.get(i));
            String action = o.get("action").asText();
            actions.merge(action, 1, Integer::sum);
        }
        assertThat(actions).doesNotContainKey("reply");
        int machine = 0;
        for (int i = 0; i < files.size(); i++) {
            if (!looksLikeMachineMail(Path.of(files.get(i)))) continue;
            machine++;
            assertThat(lines.get(i)).as("machine mail is ignored, not flagged for a clerk").contains("\"action\":\"ignore\"");
        }
        assertThat(machine).isGreaterThan(50);
        System.out.println("mime-corpus decisions: " + actions + ", obvious machine mail: " + machine);
    }

    /** An independent, deliberately crude look at the top-level header for the plainest signs of machine mail. */
    static boolean looksLikeMachineMail(Path file) throws java.io.IOException {
        String raw = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).replace("\r\n", "\n");
        int end = raw.indexOf("\n\n");
        String header = "\n" + (end < 0 ? raw : raw.substring(0, end)).replaceAll("\n[ \t]+", " ").toLowerCase(java.util.Locale.ROOT);
        return header.matches("(?s).*\n(list-id|list-unsubscribe|list-post):.*")
                || header.matches("(?s).*\nprecedence: *(bulk|list|junk).*")
                || header.matches("(?s).*\nauto-submitted: *auto-.*")
                || header.matches("(?s).*\ncontent-type: *multipart/report.*")
                || header.matches("(?s).*\nfrom:[^\n]*mailer-daemon.*");
    }
}
