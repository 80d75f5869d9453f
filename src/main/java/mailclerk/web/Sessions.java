package mailclerk.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import mailclerk.queue.SessionStore;

/**
 * Logged-in clerks: a random token in an HttpOnly, SameSite=Strict cookie, and a CSRF token for every form. Kept in
 * the database ({@link SessionStore}), so every node serves a clerk who logged in on another. A session ends after
 * {@code lifetime} (a working day) or {@code idle} without a request, whichever comes first; an administrator can end
 * all of one user's sessions (a lost laptop, a clerk who left); and it is bound to the account it was opened for
 * (a stamp of its role and password): an account removed, demoted or given a new password ends it at the next
 * request, on every node.
 */
final class Sessions {
    static final String COOKIE = "mailclerk_session";
    /** Activity is written at most this often per session: a page view is not a database write each time. */
    private static final Duration TOUCH_EVERY = Duration.ofSeconds(60);

    record Session(String token, String user, Role role, String csrf, Instant started, Instant lastSeen, Instant expires) {
    }

    /** The stamp of an account as it is configured now (role and password); empty when there is no such account. */
    interface Stamps {
        Optional<String> of(String user);
    }

    private final SecureRandom random = new SecureRandom();
    private final SessionStore store;
    private final Duration lifetime;
    private final Duration idle;
    private final Duration touchEvery;
    private final Stamps stamps;

    Sessions(SessionStore store, Duration lifetime, Duration idle, Stamps stamps) {
        this.store = store;
        this.lifetime = lifetime;
        this.idle = idle;
        // activity is written at most once a minute, and often enough that "stay logged in" counts under a short limit
        Duration quarter = idle.dividedBy(4);
        this.touchEvery = quarter.compareTo(TOUCH_EVERY) < 0 ? quarter : TOUCH_EVERY;
        this.stamps = stamps;
    }

    Session start(String user, Role role, Instant now) {
        Session s = new Session(randomToken(), user, role, randomToken(), now, now, now.plus(lifetime));
        store.save(new SessionStore.Row(hash(s.token()), user, role.name(), s.csrf(), now.toEpochMilli(), now.toEpochMilli(),
                s.expires().toEpochMilli(), stamps.of(user).orElse(null)));
        return s;
    }

    /** Ends every stored session whose account is gone or changed since it was opened (at start). Returns how many. */
    int endStale() {
        int n = 0;
        for (SessionStore.Row r : store.all()) {
            if (!current(r)) {
                store.delete(r.tokenHash());
                n++;
            }
        }
        return n;
    }

    private boolean current(SessionStore.Row r) {
        return r.accountStamp() != null && stamps.of(r.user()).map(r.accountStamp()::equals).orElse(false);
    }

    /** The session for this cookie, if it is still alive; each find counts as activity. */
    Optional<Session> find(String token, Instant now) {
        if (token == null || token.length() > 100) return Optional.empty();
        String h = hash(token);
        Optional<SessionStore.Row> row = store.find(h);
        if (row.isEmpty()) return Optional.empty();
        SessionStore.Row r = row.get();
        Instant lastSeen = Instant.ofEpochMilli(r.lastSeen());
        if (Instant.ofEpochMilli(r.expiresAt()).isBefore(now) || lastSeen.plus(idle).isBefore(now) || !current(r)) {
            store.delete(h);
            return Optional.empty();
        }
        if (Duration.between(lastSeen, now).compareTo(touchEvery) >= 0 || now.isBefore(lastSeen)) {
            store.touch(h, now.toEpochMilli());
            lastSeen = now;
        }
        Role role;
        try {
            role = Role.valueOf(r.role());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new Session(token, r.user(), role, r.csrf(), Instant.ofEpochMilli(r.startedAt()), lastSeen,
                Instant.ofEpochMilli(r.expiresAt())));
    }

    void end(String token) {
        if (token != null && token.length() <= 100) store.delete(hash(token));
    }

    /** Ends every session of {@code user}; returns how many. */
    int endAll(String user) {
        return store.deleteUser(user);
    }

    List<SessionSummary> live(Instant now) {
        return store.live(now.toEpochMilli(), idle.toMillis()).stream()
                .map(r -> new SessionSummary(r.user(), Role.valueOf(r.role()), Instant.ofEpochMilli(r.startedAt()),
                        Instant.ofEpochMilli(r.lastSeen())))
                .toList();
    }

    static boolean sameToken(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    /** SHA-256, base64url: how a token is stored (also the sign-in state's key, {@link OidcSignIn}). */
    static String hash(String token) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 256 random bits, base64url. */
    String randomToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
