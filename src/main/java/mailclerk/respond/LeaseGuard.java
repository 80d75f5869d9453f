package mailclerk.respond;

import mailclerk.queue.Fence;
import mailclerk.queue.LeaseLostException;
import mailclerk.queue.Leases;
import mailclerk.queue.Messages;

/**
 * The lease of the poll in progress. It is renewed when the poll makes progress (the mail server answered: the
 * inbox opened, a batch was fetched, a reply is about to go out) and never otherwise, so a poll stuck on a silent
 * server lets the lease run out and another node takes the mailbox over. A poll that finds the lease gone stops
 * where it is ({@link LeaseLostException}), sending nothing more.
 */
final class LeaseGuard {
    /** While a batch runs long, the lease is renewed at least this often (leases last 10 s or more). */
    private static final long RENEW_NANOS = 3_000_000_000L;

    private final Leases leases;
    private final Fence fence;
    private final Messages messages;
    private final PollHealth health;
    private long renewedAt;

    /** @param leases null on a configuration without leases (then every check passes) */
    LeaseGuard(Leases leases, Fence fence, Messages messages, PollHealth health) {
        this.leases = leases;
        this.fence = fence;
        this.messages = messages;
        this.health = health;
    }

    Fence fence() {
        return fence;
    }

    /** Progress was made: the lease runs one full lease from now; LeaseLostException when it was taken over. */
    void progressed() {
        health.progressed();
        if (leases == null) return;
        if (!leases.renew(fence)) throw new LeaseLostException(fence.mailbox());
        renewedAt = System.nanoTime();
    }

    /** Progress, renewing only when the last renewal is a few seconds old (a renewal per reply would be wasted). */
    void progressedRecently() {
        health.progressed();
        if (leases != null && System.nanoTime() - renewedAt > RENEW_NANOS) progressed();
    }

    /** Whether the lease is still this poll's and unexpired, by the database's clock; stops the poll if not. */
    void check() {
        if (!messages.holdsLease(fence)) throw new LeaseLostException(fence.mailbox());
    }
}
