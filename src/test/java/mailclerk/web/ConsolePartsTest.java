package mailclerk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The console's small rules: login delays, client addresses behind a proxy, sessions, origins, notices. */
class ConsolePartsTest {
    static final Instant T0 = Instant.parse("2026-03-02T14:00:00Z");

    @Test
    void delaysGrowPerNameAndStartOverAfterTheRightPassword() {
        try (mailclerk.queue.Journal j = mailclerk.queue.Journal.open(dir)) {
            delaysGrowPerName(LoginThrottle.defaults(new mailclerk.queue.LoginAttempts(j.database())));
        }
    }

    /** The counts are in the database (shared by every node); see LoginThrottleTest for two nodes on PostgreSQL. */
    static void delaysGrowPerName(LoginThrottle t) {
        for (int i = 0; i < 3; i++) assertThat(t.attempt("clara", "10.1.1.1", T0).allowed()).isTrue();
        LoginThrottle.Verdict v = t.attempt("clara", "10.1.1.1", T0);
        assertThat(v.allowed()).isFalse();
        assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(t.attempt("clara", "10.1.1.1", T0.plusSeconds(1)).allowed()).isTrue();
        assertThat(t.attempt("clara", "10.1.1.1", T0.plusSeconds(2)).allowed()).as("next one waits 2 s").isFalse();
        assertThat(t.delayAfter(30)).isEqualTo(Duration.ofMinutes(5));
        t.succeeded("clara", "10.1.1.1", "stamp-of-clara");
        for (int i = 0; i < 3; i++) assertThat(t.attempt("clara", "10.1.1.1", T0.plusSeconds(10)).allowed()).isTrue();
        assertThat(t.attempt("ann", "10.1.1.1", T0.plusSeconds(10)).allowed()).as("other names are not slowed").isTrue();
    }

    static final String ANN = "stamp-of-ann";

    @Test
    void refusedLoginsAreALineAMinuteAndTheLeftOutAreCounted() {
        ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("refusal-test");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines = new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        RefusalLog refusals = new RefusalLog(logger);
        for (int i = 0; i < 500; i++) refusals.refused("wrong name or password", "ann", "203.0.113.9", T0.plusMillis(i));
        for (int i = 0; i < 500; i++) refusals.refused("wrong name or password", "x" + i, "203.0.113.9", T0.plusMillis(600 + i));
        refusals.refused("wrong name or password", "*", "203.0.113.9", T0.plusMillis(1_200));
        assertThat(lines.list).as("a minute of 1,001 refusals from one address").hasSize(3);
        refusals.refused("wrong name or password", "ann", "203.0.113.9", T0.plusSeconds(120));
        assertThat(lines.list).hasSize(4);
        assertThat(lines.list.get(3).getFormattedMessage()).contains("and 499 more for this name")
                .contains("more from this address, any name");
    }

    @Test
    void aGuesserAtOneAddressCannotKeepTheClerkOut() {
        try (mailclerk.queue.Journal j = mailclerk.queue.Journal.open(dir)) {
            LoginThrottle t = LoginThrottle.defaults(new mailclerk.queue.LoginAttempts(j.database()));
            // ten minutes of guesses at "ann" from one address, as fast as it is let through (a try every 100 ms), while
            // ann signs in from her desk, another address, every minute
            int guesses = 0;
            for (long ms = 0; ms < Duration.ofMinutes(10).toMillis(); ms += 100) {
                Instant now = T0.plusMillis(ms);
                if (t.attempt("ann", "203.0.113.9", ANN, now).allowed()) guesses++;
                if (ms % 60_000 == 30_000) {
                    assertThat(t.attempt("ann", "10.20.30.40", ANN, now).allowed()).as("ann from her own desk, minute " + ms / 60_000)
                            .isTrue();
                    t.succeeded("ann", "10.20.30.40", ANN, now);
                }
            }
            System.out.printf("a guesser at one address for 10 minutes: %d guesses at one name%n", guesses);
            assertThat(guesses).as("3 free, then 1, 2, 4 ... 256 s, then one every 5 minutes").isLessThanOrEqualTo(13);
        }
    }

    @Test
    void aGuessSpreadOverManyAddressesIsSlowedForTheName() {
        try (mailclerk.queue.Journal j = mailclerk.queue.Journal.open(dir)) {
            LoginThrottle t = LoginThrottle.defaults(new mailclerk.queue.LoginAttempts(j.database()));
            // ann signed in at her desk yesterday
            assertThat(t.attempt("ann", "10.20.30.40", ANN, T0.minus(Duration.ofDays(1))).allowed()).isTrue();
            t.succeeded("ann", "10.20.30.40", ANN, T0.minus(Duration.ofDays(1)));
            int allowed = 0;
            for (int i = 0; i < 100; i++) if (t.attempt("ann", "198.51.100." + i, ANN, T0).allowed()) allowed++;
            assertThat(allowed).as("one guess each from 100 addresses: the name's free attempts only").isEqualTo(30);
            assertThat(t.attempt("ann", "198.51.100.200", ANN, T0.plusSeconds(1)).allowed()).as("then a second apart").isTrue();
            assertThat(t.attempt("ann", "198.51.100.201", ANN, T0.plusSeconds(1)).allowed()).isFalse();
            // the guess goes on for an hour from ever new addresses, at the pace the delays allow
            Instant now = T0;
            for (int i = 0; i < 3_600; i++) {
                now = now.plusSeconds(1);
                t.attempt("ann", "192.0.2." + (i % 250), ANN, now);
            }
            assertThat(t.attempt("ann", "10.20.30.40", ANN, now).allowed()).as("ann at her own desk is not kept out by it").isTrue();
            assertThat(t.attempt("ann", "203.0.113.77", ANN, now).allowed()).as("a new address is slowed for her name").isFalse();
            // a new password (or role): her desk is still her desk, and the guess still cannot keep her out there
            assertThat(t.attempt("ann", "10.20.30.40", "stamp-of-ann-new-password", now.plusSeconds(2)).allowed())
                    .as("her desk, after a password change").isTrue();
            // a name that is no account has no known address
            assertThat(t.attempt("ann", "10.20.30.40", "", now.plusSeconds(3)).allowed()).as("ann removed").isFalse();
        }
    }

    @Test
    void oneAddressHasAMuchHigherBoundThanOneName() {
        try (mailclerk.queue.Journal j = mailclerk.queue.Journal.open(dir)) {
            addressBound(LoginThrottle.defaults(new mailclerk.queue.LoginAttempts(j.database())));
        }
    }

    static void addressBound(LoginThrottle t) {
        int allowed = 0;
        for (int i = 0; i < 150; i++) if (t.attempt("user" + i, "10.1.1.1", T0).allowed()) allowed++;
        assertThat(allowed).isEqualTo(100);
        assertThat(t.attempt("clara", "10.2.2.2", T0).allowed()).as("another address").isTrue();
        assertThat(t.attempt("clara", "10.1.1.1", T0.plus(Duration.ofMinutes(16))).allowed()).as("the window passes").isTrue();
    }

    @Test
    void forwardedForOnlyFromTrustedProxies() {
        Set<String> proxy = Set.of("127.0.0.1");
        assertThat(ClientAddress.of("203.0.113.9", "10.0.0.1", proxy)).isEqualTo("203.0.113.9");
        assertThat(ClientAddress.of("127.0.0.1", "10.0.0.1", proxy)).isEqualTo("10.0.0.1");
        assertThat(ClientAddress.of("127.0.0.1", "1.2.3.4, 10.0.0.1", proxy)).as("right-most untrusted hop").isEqualTo("10.0.0.1");
        assertThat(ClientAddress.of("127.0.0.1", null, proxy)).isEqualTo("127.0.0.1");
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void sessionsEndWhenIdleAfterTheirLifetimeOrByAnAdministrator() {
        try (mailclerk.queue.Journal j = mailclerk.queue.Journal.open(dir)) {
            sessionRules(new Sessions(new mailclerk.queue.SessionStore(j.database()), Duration.ofHours(10), Duration.ofMinutes(30),
                    user -> java.util.Optional.of("stamp-of-" + user.toLowerCase(java.util.Locale.ROOT))));
        }
    }

    private static void sessionRules(Sessions s) {
        Sessions.Session a = s.start("clara", Role.CLERK, T0);
        assertThat(s.find(a.token(), T0.plus(Duration.ofMinutes(29)))).isPresent();
        assertThat(s.find(a.token(), T0.plus(Duration.ofMinutes(58)))).as("29 minutes idle since the last click").isPresent();
        assertThat(s.find(a.token(), T0.plus(Duration.ofMinutes(89)))).as("31 minutes idle").isEmpty();
        Sessions.Session b = s.start("clara", Role.CLERK, T0);
        Instant t = T0;
        for (int i = 0; i < 20; i++) {
            t = t.plus(Duration.ofMinutes(29));
            assertThat(s.find(b.token(), t)).isPresent();
        }
        assertThat(s.find(b.token(), T0.plus(Duration.ofHours(10)).plusSeconds(1))).as("past ten hours, however busy").isEmpty();
        Sessions.Session c = s.start("clara", Role.CLERK, T0);
        Sessions.Session d = s.start("ada", Role.ADMIN, T0);
        assertThat(s.endAll("CLARA")).isEqualTo(1);
        assertThat(s.find(c.token(), T0)).isEmpty();
        assertThat(s.find(d.token(), T0)).isPresent();
    }

    @Test
    void sameOriginRules() {
        assertThat(SameOrigin.allows("same-origin", "http://127.0.0.1:8080", "127.0.0.1:8080", "")).isTrue();
        assertThat(SameOrigin.allows("same-origin", "null", "127.0.0.1:8080", "")).isTrue();
        assertThat(SameOrigin.allows(null, null, "127.0.0.1:8080", "")).isTrue();
        assertThat(SameOrigin.allows("cross-site", null, "127.0.0.1:8080", "")).isFalse();
        assertThat(SameOrigin.allows("same-site", null, "127.0.0.1:8080", "")).isFalse();
        assertThat(SameOrigin.allows(null, "https://evil.example", "127.0.0.1:8080", "")).isFalse();
        assertThat(SameOrigin.allows(null, "null", "127.0.0.1:8080", "")).isFalse();
        assertThat(SameOrigin.allows(null, "https://clerks.court.example", "127.0.0.1:8080", "https://clerks.court.example/")).isTrue();
        assertThat(SameOrigin.allows(null, "https://clerks.court.example", "clerks.court.example", "")).isTrue();
    }

    @Test
    void noticesAreOurs() {
        assertThat(Notice.text("reply-sent")).isEqualTo("Reply sent.");
        assertThat(Notice.text("Your password expires")).isNull();
        assertThat(Notice.text(null)).isNull();
    }

    @Test
    void pathsAreCutFromTextShownOnPages() {
        assertThat(Format.withoutPaths("cannot read /srv/mailclerk/models/versions/v1/model.bin: denied"))
                .isEqualTo("cannot read model.bin: denied");
        assertThat(Format.withoutPaths("java.io.IOException: C:\\mailclerk\\data\\x.db locked")).isEqualTo("java.io.IOException: x.db locked");
        assertThat(Format.withoutPaths("see CM/ECF and 3/4 of it")).isEqualTo("see CM/ECF and 3/4 of it");
    }
}
