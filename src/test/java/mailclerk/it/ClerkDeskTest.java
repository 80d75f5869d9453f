package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import mailclerk.classify.ModelStore;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.ClerkDesk;
import mailclerk.web.ModelAdmin;
import mailclerk.web.QueueRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The clerks' actions on the queue, without a browser: each files once, is recorded, and becomes a label. */
class ClerkDeskTest {
    @TempDir
    Path dir;

    private static byte[] question(int i, String body) {
        return ("From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                + "Subject: question " + i + "\r\nMessage-ID: <q" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private Path modelsCopy() throws Exception {
        return TestModels.copyActive(dir);
    }

    @Test
    void eachActionFilesOnceRecordsAndLabels() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Path models = modelsCopy();
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", models.toString()));
            server.deliver(question(1, "Is my chapter 13 case closed yet? I have not heard from my lawyer."));
            server.deliver(question(2, "Can you waive the filing fee for my motion?"));
            server.deliver(question(3, "Buy cheap watches now!!!"));
            Wiring.responder(s, journal).pollOnce();
            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            List<QueueRow> queue = desk.queue();
            assertThat(queue).hasSize(3);
            assertThat(queue).allSatisfy(r -> assertThat(r.reason()).isNotBlank());

            long first = queue.get(0).uid();
            assertThat(desk.answeredByHand("clara", first, "other")).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(desk.answeredByHand("bert", first, "other")).isEqualTo(ClerkDesk.Outcome.GONE);
            assertThat(desk.notAQuestion("clara", queue.get(2).uid())).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(server.folderIds("Answered")).containsEntry("<q1@firm.example>", false);
            assertThat(server.folderIds("Ignored")).containsEntry("<q3@firm.example>", false);
            assertThat(server.repliesReceived()).isEmpty();

            // a clerk moves the last one out of Needs-Clerk in a mail client: it leaves the queue too
            server.deleteMessage("Needs-Clerk", "<q2@firm.example>");
            assertThat(desk.queue()).isEmpty();

            List<String> labels = Files.readAllLines(models.resolve("clerk-labelled.tsv"));
            assertThat(labels).hasSize(2).allMatch(l -> l.startsWith("other\tquestion "));
        }
    }

    @Test
    void aClerkReplyAppearsInTheAuditWithAutomaticOnes() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Path models = modelsCopy();
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", models.toString()));
            server.deliver(question(1, "I forgot my PACER password and cannot log in. How do I reset it?"));
            server.deliver(question(2, "Is my chapter 13 case closed yet?"));
            Wiring.responder(s, journal).pollOnce();
            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            long uid = desk.queue().get(0).uid();
            assertThat(desk.sendReply("clara", uid, "forgot-pacer-credentials", null)).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(desk.sendReply("clara", uid, "forgot-pacer-credentials", null)).isEqualTo(ClerkDesk.Outcome.GONE);
            assertThat(server.repliesReceived()).hasSize(2);

            assertThat(journal.reports().audit(null, null, null, null, 100)).extracting(e -> e.by())
                    .containsExactlyInAnyOrder("mailclerk", "clara");
            assertThat(journal.reports().audit("filer2", null, null, null, 100)).singleElement()
                    .satisfies(e -> assertThat(e.by()).isEqualTo("clara"));
            assertThat(journal.reports().audit(null, "forgot-pacer-credentials", Instant.now().plus(Duration.ofDays(1)), null, 100)).isEmpty();
        }
    }

    @Test
    void retrainingRunsInTheBackgroundAndLeavesTheActiveModelAlone() throws Exception {
        Path models = modelsCopy();
        Files.createDirectories(models.resolve("corpus"));
        for (String topic : List.of("forgot-pacer-credentials", "register-new-pacer-account", "other")) {
            Files.write(models.resolve("corpus").resolve(topic + ".txt"),
                    Files.readAllLines(Path.of("models/corpus", topic + ".txt")).subList(0, 40));
        }
        ModelStore store = new ModelStore(models);
        String before = store.activeVersion().orElseThrow();
        try (ModelAdmin admin = new ModelAdmin(store, java.util.Set.of("forgot-pacer-credentials", "register-new-pacer-account"), 0.99)) {
            assertThat(admin.retrain("ada")).isTrue();
            assertThat(admin.retrain("ada")).as("one at a time").isFalse();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admin.status().running() && System.nanoTime() < deadline) Thread.sleep(100);
            assertThat(admin.status().state()).isEqualTo("done");
            assertThat(admin.status().progress()).anyMatch(l -> l.startsWith("held-out automatic replies"));
            String fresh = admin.status().result().version();
            assertThat(admin.versions()).extracting(v -> v.version()).contains(fresh, before);
            assertThat(admin.active()).contains(before);
            admin.activate("ada", fresh);
            assertThat(admin.active()).contains(fresh);
            assertThat(admin.rollback("ada")).isEqualTo(before);
        }
    }

    @Test
    void whenSmtpIsDownTheClerkCanSendAgainLater() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Path models = modelsCopy();
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", models.toString()));
            server.deliver(question(2, "Is my chapter 13 case closed yet?"));
            Wiring.responder(s, journal).pollOnce();
            int deadPort;
            try (java.net.ServerSocket probe = new java.net.ServerSocket(0)) {
                deadPort = probe.getLocalPort();
            }
            ClerkDesk down = Wiring.clerkDesk(s.with(Map.of("smtp.port", Integer.toString(deadPort))), journal);
            long uid = down.queue().get(0).uid();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> down.sendReply("clara", uid, "forgot-pacer-credentials", null))
                    .isInstanceOf(jakarta.mail.MessagingException.class);
            assertThat(server.folderCount("Needs-Clerk")).isEqualTo(1);
            ClerkDesk up = Wiring.clerkDesk(s, journal);
            assertThat(up.sendReply("clara", uid, "forgot-pacer-credentials", null)).isEqualTo(ClerkDesk.Outcome.DONE);
            assertThat(server.repliesReceived()).hasSize(1);
        }
    }
}
