package mailclerk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * deploy/mailclerk.service: the hardening and secret handling the README promises, and, where systemd is installed
 * (not needed for the build), {@code systemd-analyze verify} without a word of complaint.
 */
class ServiceUnitTest {
    static final Path UNIT = Path.of("deploy/mailclerk.service");

    @Test
    void theUnitIsHardenedAndTakesSecretsFromAnEnvironmentFile() throws Exception {
        String unit = Files.readString(UNIT);
        assertThat(unit).contains("User=mailclerk\n", "NoNewPrivileges=yes\n", "ProtectSystem=strict\n", "PrivateTmp=yes\n",
                "ReadWritePaths=/var/lib/mailclerk/data /var/lib/mailclerk/models\n", "Restart=on-failure\n",
                "EnvironmentFile=/etc/mailclerk/mailclerk.env\n", "Environment=MAILCLERK_DATA_DIR=/var/lib/mailclerk/data\n",
                "Environment=MAILCLERK_MODELS_DIR=/var/lib/mailclerk/models\n");
        assertThat(unit).as("no secret in the unit, which every user can read").doesNotContainIgnoringCase("PASSWORD=")
                .doesNotContain("CONSOLE_USERS=").doesNotContain("METRICS_TOKEN=");
    }

    @Test
    void systemdAnalyzeVerifiesIt() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
        Process p = new ProcessBuilder(analyze.toString(), "verify", UNIT.toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).as("no warnings").isBlank();
    }
}
