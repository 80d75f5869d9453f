package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mailclerk.cli.BenchMailboxCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12: after a holiday weekend the inbox holds 2,300 messages, one of them 30 MB, and mailclerk runs with a
 * 256 MB heap. One poll in its own JVM handles all of them: nothing lost, nothing answered twice.
 */
class SmallHeapBacklogTest {
    private static final int BACKLOG = 2_300;

    @Test
    void aBacklogWithAThirtyMegabyteMessageIsHandledIn256Megabytes(@TempDir Path dir) throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            List<byte[]> sources = new ArrayList<>();
            try (var files = Files.list(Path.of("src/test/resources/dev-emails"))) {
                for (Path p : files.filter(p -> p.toString().endsWith(".eml")).sorted().toList()) sources.add(Files.readAllBytes(p));
            }
            for (int i = 0; i < BACKLOG; i++) {
                if (i == BACKLOG / 2) server.deliver(OversizedMailTest.bigBody(30 * 1024 * 1024));
                server.deliver(BenchMailboxCommand.copy(sources.get(i % sources.size()), "h" + i));
            }
            Path config = server.configFile(dir.resolve("mailclerk.properties"), dir.resolve("data"), Map.of());
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Path log = dir.resolve("poll.log");
            Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                    System.getProperty("java.class.path"), "mailclerk.cli.Main", "poll-once", "--config", config.toString())
                    .directory(new File(".").getAbsoluteFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("the poll ends").isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out.length() > 4000 ? out.substring(out.length() - 4000) : out).isZero();
            assertThat(out).doesNotContain("OutOfMemoryError").contains((BACKLOG + 1) + " messages:");

            assertThat(server.folderCount("INBOX")).isZero();
            int filed = server.folderCount("Answered") + server.folderCount("Needs-Clerk") + server.folderCount("Ignored");
            assertThat(filed).isEqualTo(BACKLOG + 1);
            assertThat(server.folderIds("Needs-Clerk")).containsKey("<big@firm.example>");
            Map<String, Integer> repliesPerMessage = new HashMap<>();
            for (MimeMessage m : server.repliesReceived()) repliesPerMessage.merge(m.getHeader("In-Reply-To", ""), 1, Integer::sum);
            assertThat(repliesPerMessage.values()).allMatch(n -> n == 1);
            assertThat(repliesPerMessage).hasSize(server.folderCount("Answered"));
        }
    }
}
