package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import mailclerk.queue.LoginAttempts;

/**
 * Limits password guessing the way login services do, without letting a guesser lock a clerk out. Each attempt is
 * counted <em>before</em> the (slow) password check, so requests already in flight cannot each take a guess.
 * <ul>
 * <li>Per account name <em>and</em> client address: the first few attempts are free and each further one waits
 * twice as long as the last, up to {@code maxDelay}. A guesser at one address is slowed to a crawl; the clerk, at
 * another address, is not slowed by it at all.</li>
 * <li>Per account name from every address together: the same doubling delays, but only after many more attempts
 * ({@code freePerName}), which stops a guess spread over many addresses; it does not apply at an address where the
 * account signed in with the right password in the last 90 days, so such a guess cannot keep the clerk out from her
 * own desk either.</li>
 * <li>Per client address, over every name: a bound much higher still, since every clerk may arrive from one proxy.</li>
 * </ul>
 * A refused attempt is counted nowhere. The counts live in the database ({@link LoginAttempts}), so two nodes
 * behind a load balancer share one budget instead of giving a guesser two. Times come from the node's clock: the
 * nodes' clocks must agree to within a second or so (NTP).
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
    private final int freePerName;
    private final Duration maxDelay;
    private final int maxPerAddress;
    private final Duration window;
    private volatile Instant pruned = Instant.EPOCH;

    LoginThrottle(LoginAttempts store, int freeAttempts, int freePerName, Duration maxDelay, int maxPerAddress, Duration window) {
        this.store = store;
        this.freeAttempts = freeAttempts;
        this.freePerName = freePerName;
        this.maxDelay = maxDelay;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    static LoginThrottle defaults(LoginAttempts store) {
        return new LoginThrottle(store, 3, 30, Duration.ofMinutes(5), 100, Duration.ofMinutes(15));
    }

    /** Counts an attempt for this name from this address, or refuses it without counting. */
    Verdict attempt(String name, String address, Instant now) {
        return attempt(name, address, "", now);
    }

    /** As above; {@code stamp}: the account as it is now ({@code Accounts.stamp}), "" when there is no such account. */
    Verdict attempt(String name, String address, String stamp, Instant now) {
        prune(now);
        long at = now.toEpochMilli();
        LoginAttempts.Counted a = store.countAddress(address, at, now.minus(window).toEpochMilli(), maxPerAddress);
        if (a.over()) return new Verdict(false, positive(Duration.ofMillis(a.oldest() - at).plus(window)));
        Verdict v = count(pairKey(name, address), freeAttempts, now);
        // an address the account signed in from lately (with any of its passwords) is not held to the name-wide count;
        // a name with no account has no such address
        if (v.allowed() && (stamp.isEmpty() || !store.known(name, address, at - LoginAttempts.KNOWN_FOR_MILLIS))) {
            v = count(nameKey(name), freePerName, now);
            if (!v.allowed()) store.uncountName(pairKey(name, address)); // refused: the pair is not charged either
        }
        if (!v.allowed()) store.uncount(a.id()); // refused: the address is not charged either
        return v;
    }

    /** The key of one name at one address (the delays a guesser at that address runs into). */
    private static String pairKey(String name, String address) {
        String n = name.length() > 150 ? name.substring(0, 150) : name;
        return n + "\n" + address;
    }

    /** The key of one name over every address ("*" cannot be an address). */
    private static String nameKey(String name) {
        String n = name.length() > 150 ? name.substring(0, 150) : name;
        return n + "\n*";
    }

    private Verdict count(String key, int free, Instant now) {
        String name = key;
        long at = now.toEpochMilli();
        for (int round = 0; round < MAX_ROUNDS; round++) {
            Optional<LoginAttempts.NameRow> row = store.name(name);
            if (row.isEmpty()) {
                if (store.firstAttempt(name, at, now.plus(delayAfter(1, free)).toEpochMilli())) return Verdict.GO;
                continue; // another attempt for this name was first: read it again
            }
            LoginAttempts.NameRow r = row.get();
            if (at < r.nextAllowed()) return new Verdict(false, Duration.ofMillis(r.nextAllowed() - at));
            // a name left alone for a whole window starts over
            int attempts = (r.lastAt() < now.minus(window).toEpochMilli() ? 0 : r.attempts()) + 1;
            if (store.nextAttempt(name, r.version(), attempts, at, now.plus(delayAfter(attempts, free)).toEpochMilli())) {
                return Verdict.GO;
            }
        }
        return new Verdict(false, Duration.ofSeconds(1));
    }

    /** The right password: this name's delays start over, and the attempt is not held against the address. */
    void succeeded(String name, String address, String stamp) {
        succeeded(name, address, stamp, Instant.now());
    }

    void succeeded(String name, String address, String stamp, Instant now) {
        if (!stamp.isEmpty()) store.remember(name, address, now.toEpochMilli());
        store.forgetName(pairKey(name, address));
        // the name-wide count is not forgotten: the clerk's sign-in does not end a guess spread over many addresses
        store.uncountLatest(address);
    }

    /** The wait after {@code attempts} in a row at one name and address. */
    Duration delayAfter(int attempts) {
        return delayAfter(attempts, freeAttempts);
    }

    private Duration delayAfter(int attempts, int free) {
        if (attempts < free) return Duration.ZERO;
        int doublings = Math.min(attempts - free, 20);
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
