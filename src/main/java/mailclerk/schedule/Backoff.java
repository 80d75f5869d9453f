package mailclerk.schedule;

import java.time.Duration;
import java.time.Instant;

/**
 * Fewer attempts while a mail server is down: after n failed polls in a row the next one waits
 * interval × 2^(n-1), at most {@code max}; the first success brings back the normal interval.
 */
final class Backoff {
    private final Duration interval;
    private final Duration max;
    private int failures;
    private Instant nextAttempt = Instant.MIN;

    Backoff(Duration interval, Duration max) {
        this.interval = interval;
        this.max = max.compareTo(interval) < 0 ? interval : max;
    }

    boolean due(Instant now) {
        return !now.isBefore(nextAttempt);
    }

    int failures() {
        return failures;
    }

    /** Records a failed poll and returns how long until the next attempt. */
    Duration failed(Instant now) {
        failures++;
        Duration wait = interval.multipliedBy(1L << Math.min(failures - 1, 20));
        if (wait.compareTo(max) > 0) wait = max;
        // the scheduler fires on multiples of the interval: half an interval of slack keeps a due poll from
        // being skipped because it fired a few milliseconds early
        nextAttempt = now.plus(wait).minus(interval.dividedBy(2));
        return wait;
    }

    void succeeded() {
        failures = 0;
        nextAttempt = Instant.MIN;
    }
}
