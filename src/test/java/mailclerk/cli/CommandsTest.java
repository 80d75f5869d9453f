package mailclerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    record Run(int exit, String out) {
    }

    static synchronized Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new Run(exit, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void classifyJsonPrintsOneObjectPerFile() {
        Run r = run("classify", "--json", "src/test/resources/dev-emails/002.eml",
                "src/test/resources/dev-emails/054.eml", "src/test/resources/dev-emails/011.eml");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
        assertThat(lines.get(0)).contains("\"action\": \"reply\"").contains("\"topic\": \"forgot-pacer-credentials\"");
        assertThat(lines.get(1)).contains("\"action\": \"ignore\"").contains("\"topic\": null");
        assertThat(lines.get(2)).contains("\"action\": \"flag\"");
    }

    @Test
    void demoShowsRepliesAndFlags() {
        Run r = run("demo");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("REPLY").contains("FLAG").contains("IGNORE").contains("replies sent:")
                .contains("Auto-Submitted: auto-replied").contains("Dear Marta Reyes,");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("run", "poll-once", "classify", "train", "model", "demo")) {
            Run r = run(c, "--help");
            assertThat(r.exit()).as(c).isZero();
            assertThat(r.out()).as(c).contains("--config");
        }
    }
}
