package mailclerk.respond;

import java.time.Instant;
import mailclerk.queue.Fence;

/**
 * How this node's polls of one mailbox are going, read between polls by {@link Responder#tendLease} to decide
 * whether the lease may be renewed: only while the last poll succeeded and no poll is stuck. Written by the poll's
 * thread, read by the scheduler's: every field is volatile.
 */
final class PollHealth {
    private volatile long runningSince; // System.nanoTime(), 0 when no poll runs
    private volatile long lastProgress;
    private volatile int failuresInARow;
    private volatile Fence held;
    private volatile Instant gaveUpAt;
    private volatile boolean stallReported;
    private volatile long lastToken = -1;
    private volatile Instant lastTakeover;

    /** A poll begins (before it takes the lease: a database error there is a failed poll too). */
    void pollStarting() {
        long now = System.nanoTime();
        runningSince = now;
        lastProgress = now;
        stallReported = false;
    }

    /** The poll holds {@code fence} (null without leases). */
    void pollStarted(Fence fence) {
        held = fence;
        if (fence != null) lastToken = fence.token();
    }

    Instant lastTakeover() {
        return lastTakeover;
    }

    void takeoverTried(Instant at) {
        lastTakeover = at;
    }

    long lastToken() {
        return lastToken;
    }

    void progressed() {
        lastProgress = System.nanoTime();
    }

    void pollSucceeded() {
        failuresInARow = 0;
        runningSince = 0;
        gaveUpAt = null;
    }

    /** Stopped for a shutdown: neither a success nor a failure. */
    void pollAbandoned() {
        runningSince = 0;
    }

    void pollFailed() {
        failuresInARow++;
        runningSince = 0;
    }

    /** The poll ended without the lease (lost, or another node's). */
    void leaseGone() {
        held = null;
        runningSince = 0;
    }

    void gaveUp(Instant at) {
        held = null;
        gaveUpAt = at;
    }

    boolean running() {
        return runningSince != 0;
    }

    long nanosSinceProgress() {
        return System.nanoTime() - lastProgress;
    }

    int failuresInARow() {
        return failuresInARow;
    }

    Fence held() {
        return held;
    }

    Instant gaveUpAt() {
        return gaveUpAt;
    }

    /** True the first time a stuck poll is reported (one log line per stuck poll). */
    boolean reportStall() {
        if (stallReported) return false;
        stallReported = true;
        return true;
    }
}
