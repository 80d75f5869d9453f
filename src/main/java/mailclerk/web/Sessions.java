package mailclerk.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in clerks: a random token in an HttpOnly, SameSite=Strict cookie, and a CSRF token for every form. A
 * session ends after {@code lifetime} (a working day) or {@code idle} without a request, whichever comes first,
 * and an administrator can end all of one user's sessions (a lost laptop, a clerk who left).
 */
final class Sessions {
    static final String COOKIE = "mailclerk_session";

    record Session(String token, String user, Role role, String csrf, Instant started, Instant lastSeen, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final Duration idle;

    Sessions(Duration lifetime, Duration idle) {
        this.lifetime = lifetime;
        this.idle = idle;
    }

    Session start(String user, Role role, Instant now) {
        Session s = new Session(randomToken(), user, role, randomToken(), now, now, now.plus(lifetime));
        byToken.put(s.token(), s);
        return s;
    }

    /** The session for this cookie, if it is still alive; each find counts as activity. */
    Optional<Session> find(String token, Instant now) {
        if (token == null) return Optional.empty();
        Session s = byToken.get(token);
        if (s == null) return Optional.empty();
        if (s.expires().isBefore(now) || s.lastSeen().plus(idle).isBefore(now)) {
            byToken.remove(token);
            return Optional.empty();
        }
        Session seen = new Session(s.token(), s.user(), s.role(), s.csrf(), s.started(), now, s.expires());
        byToken.replace(token, s, seen);
        return Optional.of(seen);
    }

    void end(String token) {
        if (token != null) byToken.remove(token);
    }

    /** Ends every session of {@code user}; returns how many. */
    int endAll(String user) {
        int[] n = {0};
        byToken.values().removeIf(s -> {
            boolean match = s.user().equalsIgnoreCase(user);
            if (match) n[0]++;
            return match;
        });
        return n[0];
    }

    List<SessionSummary> live(Instant now) {
        return byToken.values().stream()
                .filter(s -> !s.expires().isBefore(now) && !s.lastSeen().plus(idle).isBefore(now))
                .map(s -> new SessionSummary(s.user(), s.role(), s.started(), s.lastSeen()))
                .sorted(Comparator.comparing(SessionSummary::user).thenComparing(SessionSummary::started))
                .toList();
    }

    static boolean sameToken(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
