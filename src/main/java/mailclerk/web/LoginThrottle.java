package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits password guessing the way login services do. Each attempt is counted <em>before</em> the (slow) password
 * check, so requests already in flight cannot each take a guess. Per account name, the first few attempts are
 * free and each further one must wait twice as long as the last, up to {@code maxDelay}: a guesser is slowed to a
 * crawl, while the real clerk is only delayed, never locked out for long. Per client address there is only a much
 * higher bound, since every clerk may arrive from one proxy address.
 */
final class LoginThrottle {
    /** Whether an attempt may go ahead; if not, how long until the next one may. */
    record Verdict(boolean allowed, Duration retryAfter) {
        static final Verdict GO = new Verdict(true, Duration.ZERO);
    }

    private static final int PRUNE_ABOVE = 10_000;

    private final int freeAttempts;
    private final Duration maxDelay;
    private final int maxPerAddress;
    private final Duration window;
    private final Map<String, NameState> names = new ConcurrentHashMap<>();
    private final Map<String, Deque<Instant>> addresses = new ConcurrentHashMap<>();

    LoginThrottle(int freeAttempts, Duration maxDelay, int maxPerAddress, Duration window) {
        this.freeAttempts = freeAttempts;
        this.maxDelay = maxDelay;
        this.maxPerAddress = maxPerAddress;
        this.window = window;
    }

    static LoginThrottle defaults() {
        return new LoginThrottle(3, Duration.ofMinutes(5), 100, Duration.ofMinutes(15));
    }

    /** Counts an attempt for this name from this address, or refuses it without counting. */
    Verdict attempt(String name, String address, Instant now) {
        if (names.size() > PRUNE_ABOVE) prune(now);
        Deque<Instant> a = addresses.computeIfAbsent(address, k -> new ArrayDeque<>());
        NameState n = names.computeIfAbsent(name, k -> new NameState());
        synchronized (a) {
            while (!a.isEmpty() && a.peekFirst().isBefore(now.minus(window))) a.pollFirst();
            if (a.size() >= maxPerAddress) return new Verdict(false, Duration.between(now, a.peekFirst().plus(window)));
            synchronized (n) {
                if (n.last != null && n.last.isBefore(now.minus(window))) n.attempts = 0;
                if (n.nextAllowed != null && now.isBefore(n.nextAllowed)) {
                    return new Verdict(false, Duration.between(now, n.nextAllowed));
                }
                n.attempts++;
                n.last = now;
                n.nextAllowed = now.plus(delayAfter(n.attempts));
            }
            a.addLast(now);
        }
        return Verdict.GO;
    }

    /** The right password: this name's delays start over, and the attempt is not held against the address. */
    void succeeded(String name, String address) {
        NameState n = names.remove(name);
        if (n != null) {
            synchronized (n) {
                n.attempts = 0;
                n.nextAllowed = null;
            }
        }
        Deque<Instant> a = addresses.get(address);
        if (a != null) {
            synchronized (a) {
                a.pollLast();
            }
        }
    }

    Duration delayAfter(int attempts) {
        if (attempts < freeAttempts) return Duration.ZERO;
        int doublings = Math.min(attempts - freeAttempts, 20);
        Duration d = Duration.ofSeconds(1L << doublings);
        return d.compareTo(maxDelay) > 0 ? maxDelay : d;
    }

    private void prune(Instant now) {
        Instant cutoff = now.minus(window);
        names.values().removeIf(n -> {
            synchronized (n) {
                return n.last == null || n.last.isBefore(cutoff);
            }
        });
        addresses.values().removeIf(d -> {
            synchronized (d) {
                return d.isEmpty() || d.peekLast().isBefore(cutoff);
            }
        });
    }

    private static final class NameState {
        int attempts;
        Instant last;
        Instant nextAllowed;
    }
}
