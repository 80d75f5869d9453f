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
    private final java.util.concurrent.atomic.AtomicReference<Fence> held = new java.util.concurrent.atomic.AtomicReference<>();
    private volatile Instant gaveUpAt;
    private volatile boolean stallReported;
    private volatile long lastToken = -1;

    /** A poll begins (before it takes the lease: a database error there is a failed poll too). */
    void pollStarting() {
        long now = System.nanoTime();
        runningSince = now;
        lastProgress = now;
        stallReported = false;
    }

    /** The poll holds {@code fence} (null without leases). */
    void pollStarted(Fence fence) {
        held.set(fence);
        if (fence != null) lastToken = fence.token();
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
        held.set(null);
        runningSince = 0;
    }

    /**
     * Between polls, the lease tender found {@code fence} lost or gave it up: forgotten only if it is still the one
     * held (a poll may have started meanwhile with a new one), and nothing about a running poll is touched.
     */
    boolean forget(Fence fence) {
        return held.compareAndSet(fence, null);
    }

    void gaveUp(Fence fence, Instant at) {
        if (forget(fence)) gaveUpAt = at;
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
        return held.get();
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
