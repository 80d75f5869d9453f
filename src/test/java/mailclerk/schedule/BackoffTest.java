package mailclerk.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private final Instant t0 = Instant.parse("2026-11-25T09:00:00Z");

    @Test
    void eachFailureDoublesTheWaitUpToTheMaximum() {
        Backoff b = new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(600));
        assertThat(b.due(t0)).isTrue();
        assertThat(b.failed(t0)).hasSeconds(60);
        assertThat(b.failed(t0)).hasSeconds(120);
        assertThat(b.failed(t0)).hasSeconds(240);
        assertThat(b.failed(t0)).hasSeconds(480);
        assertThat(b.failed(t0)).hasSeconds(600);
        assertThat(b.failed(t0)).hasSeconds(600);
        assertThat(b.failures()).isEqualTo(6);
    }

    @Test
    void pollsInBetweenAreSkippedAndASuccessRestoresTheInterval() {
        Backoff b = new Backoff(Duration.ofSeconds(60), Duration.ofSeconds(900));
        b.failed(t0);
        b.failed(t0);
        b.failed(t0); // next attempt in 4 minutes
        assertThat(b.due(t0.plusSeconds(60))).isFalse();
        assertThat(b.due(t0.plusSeconds(180))).isFalse();
        assertThat(b.due(t0.plusSeconds(239))).as("a trigger firing a moment early still counts").isTrue();
        b.succeeded();
        assertThat(b.failures()).isZero();
        assertThat(b.due(t0)).isTrue();
        assertThat(b.failed(t0)).hasSeconds(60);
    }
}
