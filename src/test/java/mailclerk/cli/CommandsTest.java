package mailclerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandsTest {
    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void classifyJsonPrintsOneObjectPerFile() {
        CommandRun r = run("classify", "--json", "src/test/resources/dev-emails/002.eml",
                "src/test/resources/dev-emails/054.eml", "src/test/resources/dev-emails/011.eml");
        assertThat(r.exit()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.startsWith("{") && l.endsWith("}"));
        assertThat(lines.get(0)).contains("\"action\":\"reply\"").contains("\"topic\":\"forgot-pacer-credentials\"");
        assertThat(lines.get(1)).contains("\"action\":\"ignore\"").contains("\"topic\":null");
        assertThat(lines.get(2)).contains("\"action\":\"flag\"");
    }

    @Test
    void demoShowsRepliesAndFlags() {
        CommandRun r = run("demo");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("REPLY").contains("FLAG").contains("IGNORE").contains("replies sent:")
                .contains("Auto-Submitted: auto-replied").contains("Dear Marta Reyes,");
    }

    @Test
    void benchMailboxPollsABacklogAndTimesPushedMail() {
        CommandRun r = run("bench-mailbox", "--messages", "70", "--push", "3", "--push-interval-ms", "0");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).containsPattern("one poll: 70 messages in [0-9.]+ s = [0-9]+ messages/s \\([0-9]+ replied")
                .containsPattern("peak heap used [0-9]+ MB")
                .contains("push: 3 messages delivered one at a time with IDLE, 0 not handled within 30 s")
                .containsPattern("answered, delivery to reply sent and filed: p50 [0-9.]+ s, p95 [0-9.]+ s");
    }

    @Test
    void benchCopiesGetTheirOwnMessageIdAndSender() {
        byte[] raw = ("Return-Path: <pat@firm.example>\r\nFrom: Pat <pat@firm.example>\r\nReply-To: pat@firm.example\r\n"
                + "Message-ID: <1@firm.example>\r\nSubject: PACER\r\n\r\nbody\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String copy = new String(BenchMailboxCommand.copy(raw, "x1"), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(copy).contains("From: Filer x1 <filer-x1@bench.example>").contains("Subject: PACER\r\n\r\nbody")
                .doesNotContain("<1@firm.example>").doesNotContain("pat@firm.example").containsPattern("Message-ID: <bench-x1-");
    }

    @Test
    void everyCommandHasHelp() {
        for (String c : List.of("run", "poll-once", "classify", "train", "model", "demo", "pilot-report", "bench-mailbox")) {
            CommandRun r = run(c, "--help");
            assertThat(r.exit()).as(c).isZero();
            assertThat(r.out()).as(c).contains("--config");
        }
    }

    @Test
    void pilotReportReadsTheJournal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        try (mailclerk.queue.Journal j = mailclerk.queue.Journal.open(dir)) {
            for (int i = 1; i <= 10; i++) {
                var h = j.messages().received("m", 1, i, "<" + i + "@x>", "f@x", "s");
                j.messages().decided(h.id(), "flag", "where-to-login", 0.95, "pilot", "v1", "f@x", null, true);
                j.pilot().pilotVerdict(h.id(), "where-to-login", i <= 9, i <= 9 ? null : "other", "clara");
            }
        }
        java.nio.file.Path config = dir.resolve("test.properties");
        java.nio.file.Files.writeString(config, "data.dir=" + dir.toString().replace("\\", "/") + "\n");
        CommandRun json = run("pilot-report", "--config", config.toString(), "--json");
        assertThat(json.exit()).isZero();
        var report = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        var row = report.get("topics").get(0);
        assertThat(row.get("topic").asText()).isEqualTo("where-to-login");
        assertThat(row.get("confirmed").asInt()).isEqualTo(9);
        assertThat(row.get("corrected").asInt()).isEqualTo(1);
        assertThat(row.get("precision_lower95").asDouble()).isCloseTo(0.5958, org.assertj.core.api.Assertions.within(0.0005));
        assertThat(report.get("ready")).isEmpty();
        CommandRun table = run("pilot-report", "--config", config.toString(), "--since", "2999-01-01");
        assertThat(table.exit()).isZero();
        assertThat(table.out()).contains("ready for go-live (lower bound >= 0.99): none yet").doesNotContain("where-to-login");
    }
}
