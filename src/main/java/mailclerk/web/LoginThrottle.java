package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** At most {@code maxFailures} failed logins per account name and per client address in a sliding window. */
final class LoginThrottle {
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    boolean blocked(String name, String address, Instant now) {
        return recent("user:" + name, now) >= maxFailures || recent("addr:" + address, now) >= maxFailures;
    }

    void failed(String name, String address, Instant now) {
        add("user:" + name, now);
        add("addr:" + address, now);
    }

    void succeeded(String name) {
        failures.remove("user:" + name);
    }

    private int recent(String key, Instant now) {
        Deque<Instant> d = failures.get(key);
        if (d == null) return 0;
        synchronized (d) {
            while (!d.isEmpty() && d.peekFirst().isBefore(now.minus(window))) d.pollFirst();
            return d.size();
        }
    }

    private void add(String key, Instant now) {
        Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(now);
            while (d.size() > 1000) d.pollFirst();
        }
    }
}
