package mailclerk.respond;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import mailclerk.config.ConfigException;
import mailclerk.config.Settings;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PilotReportTest {
    @TempDir
    Path dir;

    @Test
    void wilsonLowerBoundOnKnownCases() {
        // 9 of 10: p = 0.9, z = 1.96 -> (0.9 + 0.19208 - 0.26734) / 1.38415 = 0.5958
        assertThat(PilotReport.wilsonLowerBound(9, 10)).isCloseTo(0.5958, within(0.0005));
        assertThat(PilotReport.wilsonLowerBound(10, 10)).isCloseTo(0.7225, within(0.0005));
        // at 0.99 a topic needs about 380 confirmations without a single correction
        assertThat(PilotReport.wilsonLowerBound(379, 379)).isLessThan(0.99);
        assertThat(PilotReport.wilsonLowerBound(381, 381)).isGreaterThanOrEqualTo(0.99);
        assertThat(PilotReport.wilsonLowerBound(0, 0)).isNaN();
    }

    @Test
    void countsVerdictsPerTopicAndNamesTheReadyOnes() {
        try (Journal j = Journal.open(dir)) {
            int uid = 0;
            for (int i = 0; i < 400; i++) verdict(j, ++uid, "where-to-login", true);
            for (int i = 0; i < 9; i++) verdict(j, ++uid, "forgot-pacer-credentials", true);
            verdict(j, ++uid, "forgot-pacer-credentials", false);
            draft(j, ++uid, "forgot-pacer-credentials"); // not judged yet
            HandledMessage plainFlag = j.messages().received("m", 1, ++uid, "<f@x>", "f@x", "s");
            j.messages().decided(plainFlag.id(), "flag", "other", 0.9, "outside the FAQ", "v1", null, null);

            PilotReport r = PilotReport.of(j, Instant.EPOCH, 0.99);
            assertThat(r.topics()).hasSize(2);
            PilotReport.Row forgot = r.topics().get(0);
            assertThat(forgot.topic()).isEqualTo("forgot-pacer-credentials");
            assertThat(forgot.drafts()).isEqualTo(11);
            assertThat(forgot.confirmed()).isEqualTo(9);
            assertThat(forgot.corrected()).isEqualTo(1);
            assertThat(forgot.pending()).isEqualTo(1);
            assertThat(forgot.precision()).isCloseTo(0.9, within(1e-9));
            assertThat(forgot.precisionLowerBound()).isCloseTo(0.5958, within(0.0005));
            assertThat(r.readyTopics()).containsExactly("where-to-login");
            assertThat(PilotReport.of(j, Instant.now().plusSeconds(60), 0.99).topics()).as("--since").isEmpty();
        }
    }

    @Test
    void pilotModeSettings() {
        PilotMode shadow = PilotMode.from(settings(Map.of("reply.mode", "shadow")));
        assertThat(shadow.answersLive("where-to-login")).isFalse();
        PilotMode some = PilotMode.from(settings(Map.of("reply.live-topics", "where-to-login, forgot-pacer-credentials")));
        assertThat(some.liveTopics()).isEqualTo(Set.of("where-to-login", "forgot-pacer-credentials"));
        assertThat(some.answersLive("where-to-login")).isTrue();
        assertThat(some.answersLive("register-new-pacer-account")).isFalse();
        assertThat(PilotMode.from(settings(Map.of())).answersLive("anything")).isTrue();
        assertThatThrownBy(() -> PilotMode.from(settings(Map.of("reply.mode", "dry-run")))).isInstanceOf(ConfigException.class);
        Decision reply = new Decision(Action.REPLY, "register-new-pacer-account", 0.95, "confident", java.util.List.of(),
                "a@b.example", "v1");
        Decision held = some.apply(reply);
        assertThat(held.action()).isEqualTo(Action.FLAG);
        assertThat(held.draft()).isTrue();
        assertThat(held.recipient()).isEqualTo("a@b.example");
        assertThat(some.apply(reply.asFlag("x")).draft()).isFalse();
    }

    private static Settings settings(Map<String, String> values) {
        return new Settings(new java.util.Properties(), Map.of(), Path.of("")).with(values);
    }

    private static long draft(Journal j, int uid, String topic) {
        HandledMessage h = j.messages().received("m", 1, uid, "<" + uid + "@x>", "f@x", "s");
        j.messages().decided(h.id(), "flag", topic, 0.95, "pilot", "v1", "f@x", null, true);
        return h.id();
    }

    private static void verdict(Journal j, int uid, String topic, boolean confirmed) {
        long id = draft(j, uid, topic);
        assertThat(j.pilot().pilotVerdict(id, topic, confirmed, confirmed ? null : "other", "clara")).isTrue();
        assertThat(j.pilot().pilotVerdict(id, topic, !confirmed, null, "bert")).as("the first verdict stands").isFalse();
    }
}
