package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import mailclerk.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** check-config: one line per step, ✓ or ✗ with what to fix; exit 0 only when every step passes. */
class CheckConfigTest {
    @TempDir
    Path dir;

    static CommandRun run(String... args) {
        return CommandRun.of(args);
    }

    @Test
    void aWorkingPasswordSetupPassesEveryStep() throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            Path config = server.configFile(dir.resolve("ok.properties"), dir.resolve("data"), Map.of());
            CommandRun r = run("check-config", "--config", config.toString());
            assertThat(r.out()).contains("✓ settings read").contains("✓ IMAP 127.0.0.1:").contains("✓ IMAP signed in as helpdesk (password)")
                    .contains("✓ IMAP folders present").contains("✓ SMTP").contains("nothing sent").contains("✓ model v")
                    .contains("✓ templates: ").contains("all checks passed").doesNotContain("✗");
            assertThat(r.exit()).isZero();
            assertThat(server.repliesReceived()).isEmpty();
        }
    }

    @Test
    void switchedOffSafetyRulesFailTheCheckUnlessAcknowledged() throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            Path off = server.configFile(dir.resolve("off.properties"), dir.resolve("data"),
                    Map.of("classifier.disabled-rules", "follow-up,second-model"));
            CommandRun r = run("check-config", "--config", off.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("✗ decision rules switched off: [follow-up, second-model]")
                    .contains("classifier.disabled-rules-acknowledged=true");
            Path acknowledged = server.configFile(dir.resolve("ack.properties"), dir.resolve("data"),
                    Map.of("classifier.disabled-rules", "follow-up", "classifier.disabled-rules-acknowledged", "true"));
            CommandRun ok = run("check-config", "--config", acknowledged.toString());
            assertThat(ok.out()).contains("✓ decision rules switched off, acknowledged: [follow-up]");
            assertThat(ok.exit()).isZero();

            // status says it too, from the responder's status file
            Path data = dir.resolve("data-status");
            mailclerk.config.Settings s = server.settings(data).with(Map.of("classifier.disabled-rules", "follow-up",
                    "models.dir", TestModels.copyActive(dir).toString()));
            try (mailclerk.queue.Journal journal = mailclerk.queue.Journal.open(data)) {
                mailclerk.cli.Wiring.responder(s, journal).pollOnce();
            }
            Path statusConfig = server.configFile(dir.resolve("status.properties"), data, Map.of());
            assertThat(run("status", "--config", statusConfig.toString()).out())
                    .contains("WARNING: decision rules switched off (classifier.disabled-rules): follow-up");
        }
    }

    @Test
    void aWrongPasswordAndAnUnreachableSmtpServerAreNamed() throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            Path config = server.configFile(dir.resolve("bad.properties"), dir.resolve("data"),
                    Map.of("imap.password", "wrong-password", "smtp.port", "1"));
            CommandRun r = run("check-config", "--config", config.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("✗ IMAP sign-in as helpdesk refused").contains("fix: check imap.user and the password")
                    .contains("✗ SMTP 127.0.0.1:1 not reachable").contains("some checks failed").doesNotContain("wrong-password");
        }
    }

    @Test
    void aWrongClientSecretFailsOnTheTokenStep() throws Exception {
        try (TestMailServer server = new TestMailServer(); FakeIdentityProvider idp = new FakeIdentityProvider()) {
            Path config = server.configFile(dir.resolve("oauth.properties"), dir.resolve("data"), Map.of("imap.password", "",
                    "imap.auth", "xoauth2", "smtp.auth", "xoauth2", "oauth.token-url", idp.url(),
                    "oauth.client-id", FakeIdentityProvider.CLIENT_ID, "oauth.client-secret", "not-the-secret"));
            CommandRun r = run("check-config", "--config", config.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out()).contains("✗ OAuth2 token").contains("invalid_client").contains("client id or secret")
                    .doesNotContain("not-the-secret");
        }
    }
}
