package mailclerk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mailclerk.config.Settings;
import mailclerk.queue.Database;
import mailclerk.queue.LoginAttempts;
import mailclerk.queue.TestPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Login attempts counted in the database: two nodes (two throttles on one PostgreSQL database) share one budget, so
 * a guesser behind a load balancer gets no more than from one node, even with attempts arriving at once on both.
 */
class LoginThrottleTest {
    static final Instant T0 = ConsolePartsTest.T0;

    @TempDir
    Path dir;

    private Database postgres() throws Exception {
        return Database.open(new Settings(new Properties(), Map.of(), Path.of("")).with(Map.of("db.url", TestPostgres.newDatabase())), dir);
    }

    @Test
    void theSameRulesOnPostgreSql() throws Exception {
        try (Database db = postgres()) {
            ConsolePartsTest.delaysGrowPerName(LoginThrottle.defaults(new LoginAttempts(db)));
        }
        try (Database db = postgres()) {
            ConsolePartsTest.addressBound(LoginThrottle.defaults(new LoginAttempts(db)));
        }
    }

    @Test
    void twoNodesShareOneBudget() throws Exception {
        try (Database db = postgres()) {
            LoginThrottle a = LoginThrottle.defaults(new LoginAttempts(db));
            LoginThrottle b = LoginThrottle.defaults(new LoginAttempts(db));
            assertThat(a.attempt("clara", "10.1.1.1", T0).allowed()).isTrue();
            assertThat(b.attempt("clara", "10.1.1.1", T0).allowed()).isTrue();
            assertThat(a.attempt("clara", "10.1.1.1", T0).allowed()).isTrue();
            LoginThrottle.Verdict v = b.attempt("clara", "10.1.1.1", T0);
            assertThat(v.allowed()).as("the fourth guess waits, whichever node it reaches").isFalse();
            assertThat(v.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            a.succeeded("clara", "10.1.1.1", "stamp-of-clara");
            assertThat(b.attempt("clara", "10.1.1.1", T0).allowed()).as("the right password on one node resets both").isTrue();

            int allowed = 0;
            for (int i = 0; i < 150; i++) if ((i % 2 == 0 ? a : b).attempt("user" + i, "10.2.2.2", T0).allowed()) allowed++;
            assertThat(allowed).as("one address's bound over both nodes").isEqualTo(100);
        }
    }

    @Test
    void guessesArrivingAtOnceOnTwoNodesAreEachCounted() throws Exception {
        try (Database db = postgres()) {
            List<LoginThrottle> nodes = List.of(LoginThrottle.defaults(new LoginAttempts(db)), LoginThrottle.defaults(new LoginAttempts(db)));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            try {
                List<Callable<Boolean>> guesses = new ArrayList<>();
                Instant now = Instant.now();
                for (int i = 0; i < 40; i++) {
                    LoginThrottle node = nodes.get(i % 2);
                    String address = i < 20 ? "10.3.3.1" : "10.3.3." + (i % 7 + 2);
                    guesses.add(() -> node.attempt("clara", address, now).allowed());
                }
                int allowed = 0;
                for (Future<Boolean> f : pool.invokeAll(guesses)) if (f.get()) allowed++;
                // 20 from one address (3 free) and 20 over seven others (3 free each, fewer than 3 from some)
                int others = 0;
                for (int k = 0; k < 7; k++) {
                    int fromK = 0;
                    for (int i = 20; i < 40; i++) if (i % 7 == k) fromK++;
                    others += Math.min(3, fromK);
                }
                assertThat(allowed).as("of 40 guesses at once on two nodes, only the free ones").isEqualTo(3 + others);
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
