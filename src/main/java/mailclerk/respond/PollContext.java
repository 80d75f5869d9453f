package mailclerk.respond;

import java.time.Instant;
import mailclerk.queue.Fence;

/**
 * What every step of one poll works under: the mailbox (its journal key), the lease the poll holds (every journal
 * write carries its fence), the inbox's UIDVALIDITY, and the poll's time (decisions of one poll share it).
 */
record PollContext(String mailbox, LeaseGuard lease, long uidValidity, Instant now) {
    Fence fence() {
        return lease.fence();
    }
}
