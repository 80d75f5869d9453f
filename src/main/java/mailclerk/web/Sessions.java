package mailclerk.web;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Logged-in clerks: a random token in an HttpOnly, SameSite=Strict cookie, and a CSRF token for every form. */
final class Sessions {
    static final String COOKIE = "mailclerk_session";

    record Session(String token, String user, Role role, String csrf, Instant expires) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> byToken = new ConcurrentHashMap<>();
    private final Duration lifetime;

    Sessions(Duration lifetime) {
        this.lifetime = lifetime;
    }

    Session start(String user, Role role, Instant now) {
        Session s = new Session(randomToken(), user, role, randomToken(), now.plus(lifetime));
        byToken.put(s.token(), s);
        return s;
    }

    Optional<Session> find(String token, Instant now) {
        if (token == null) return Optional.empty();
        Session s = byToken.get(token);
        if (s == null) return Optional.empty();
        if (s.expires().isBefore(now)) {
            byToken.remove(token);
            return Optional.empty();
        }
        return Optional.of(s);
    }

    void end(String token) {
        if (token != null) byToken.remove(token);
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
