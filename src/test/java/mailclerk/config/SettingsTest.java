package mailclerk.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void environmentOverridesTheFile() {
        Properties p = new Properties();
        p.setProperty("imap.host", "mail.court.example");
        p.setProperty("reply.max-per-sender-per-day", "3");
        Settings s = new Settings(p, Map.of("MAILCLERK_IMAP_HOST", "other.example",
                "MAILCLERK_REPLY_MAX_PER_SENDER_PER_DAY", "5"), Path.of("."));
        assertThat(s.get("imap.host", null)).isEqualTo("other.example");
        assertThat(s.getInt("reply.max-per-sender-per-day", 0)).isEqualTo(5);
        assertThat(Settings.envName("court.nextgen-live-date")).isEqualTo("MAILCLERK_COURT_NEXTGEN_LIVE_DATE");
    }

    @Test
    void passwordFromAFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("imap.pw");
        Files.writeString(f, "s3cret\n");
        Properties p = new Properties();
        p.setProperty("imap.password-file", f.toString());
        assertThat(new Settings(p, Map.of(), dir).secret("imap.password")).isEqualTo("s3cret");
    }

    @Test
    void theShippedDefaultsFillMissingKeys() {
        Settings s = new Settings(new Properties(), Map.of(), Path.of("."));
        assertThat(s.get("folder.needs-clerk", null)).isEqualTo("Needs-Clerk");
        assertThat(s.get("imap.security", null)).isEqualTo("tls");
        assertThat(s.getInt("poll.interval", 0)).isEqualTo(60);
    }

    @Test
    void badValuesNameTheKey() {
        Properties p = new Properties();
        p.setProperty("poll.interval", "often");
        assertThatThrownBy(() -> new Settings(p, Map.of(), Path.of(".")).getInt("poll.interval", 60))
                .hasMessageContaining("poll.interval");
    }
}
