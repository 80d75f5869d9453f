package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mailclerk.queue.LoginAttempts;

/**
 * Limits password guessing the way login services do. Each attempt is counted <em>before</em> the (slow) password
 * check, so requests already in flight cannot each take a guess. Per account name, the first few attempts are
 * free and each further one must wait twice as long as the last, up to {@code maxDelay}: a guesser is slowed to a
 * crawl, while the real clerk is only delayed, never locked out for long. Per client address there is only a much
 * higher bound, since every clerk may arrive from one proxy address. The counts live in the database
 * ({@link LoginAttempts}), so two nodes behind a load balancer share one budget instead of giving a guesser two.
 * Times come from the node's clock: the nodes' clocks must agree to within a second or so (NTP).
 */
final class LoginThrottle {
    /** Whether an attempt may go ahead; if not, how long until the next one may. */
    record Verdict(boolean allowed, Duration retryAfter) {
        static final Verdict GO = new Verdict(true, Duration.ZERO);
    }

    /** Attempts racing for one name are settled by compare-and-set; past this many rounds the attempt is refused. */
    private static final int MAX_ROUNDS = 100;
    /** Old rows are deleted at most this often by each node. */
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final LoginAttempts store;
    private final int freeAttempts;
    private final Duration maxDelay;
    private final int maxPerAddress;
    private final Duration window;
    private volatile Instant pruned = Instant.EPOCH;

    LoginThrottle(LoginAttempts store, int freeAttempts, Duration maxDelay, int maxPerAddress, Duration window) {
        this.store = store;
        this.freeAttempts = freeAttempts;
        this.maxDelay = maxDelay;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    static LoginThrottle defaults(LoginAttempts store) {
        return new LoginThrottle(store, 3, Duration.ofMinutes(5), 100, Duration.ofMinutes(15));
    }

    /** Counts an attempt for this name from this address, or refuses it without counting. */
    Verdict attempt(String name, String address, Instant now) {
        prune(now);
        long at = now.toEpochMilli();
        LoginAttempts.Counted a = store.countAddress(address, at, now.minus(window).toEpochMilli(), maxPerAddress);
        if (a.over()) return new Verdict(false, positive(Duration.ofMillis(a.oldest() - at).plus(window)));
        Verdict v = countName(name, now);
        if (!v.allowed()) store.uncount(a.id()); // refused for the name: the address is not charged either
        return v;
    }

    private Verdict countName(String name, Instant now) {
        long at = now.toEpochMilli();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<LoginAttempts.NameRow> row = store.name(name);
            if (row.isEmpty()) {
                if (store.firstAttempt(name, at, now.plus(delayAfter(1)).toEpochMilli())) return Verdict.GO;
                continue; // another attempt for this name was first: read it again
            }
            LoginAttempts.NameRow r = row.get();
            if (at < r.nextAllowed()) return new Verdict(false, Duration.ofMillis(r.nextAllowed() - at));
            // a name left alone for a whole window starts over
            int attempts = (r.lastAt() < now.minus(window).toEpochMilli() ? 0 : r.attempts()) + 1;
            if (store.nextAttempt(name, r.version(), attempts, at, now.plus(delayAfter(attempts)).toEpochMilli())) {
                return Verdict.GO;
            }
        }
        return new Verdict(false, Duration.ofSeconds(1));
    }

    /** The right password: this name's delays start over, and the attempt is not held against the address. */
    void succeeded(String name, String address) {
        store.forgetName(name);
        store.uncountLatest(address);
    }

    Duration delayAfter(int attempts) {
        if (attempts < freeAttempts) return Duration.ZERO;
        int doublings = Math.min(attempts - freeAttempts, 20);
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private void prune(Instant now) {
        if (Duration.between(pruned, now).compareTo(PRUNE_EVERY) < 0) return;
        pruned = now;
        store.prune(now.minus(window).toEpochMilli());
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }
}
