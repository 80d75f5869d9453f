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
