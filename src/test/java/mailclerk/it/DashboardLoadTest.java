package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import mailclerk.web.Accounts;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four clerks keep opening the dashboard of a busy journal (20,000 messages, 9,000 clerk actions) while a filer's
 * mail arrives: the mail is handled at once, and every page answers. Before the dashboard's join was indexed, four
 * dashboards held every connection of the pool for 20 s and the poll waited for them.
 */
class DashboardLoadTest {
    @TempDir
    Path dir;

    @Test
    void fourClerksOnTheDashboardDoNotHoldUpTheMail() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            String password = "clerk-pass-for-tests";
            String users = "ann:clerk:" + at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, password.toCharArray());
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                    "console.users", users));
            BusyJournal.fill(journal, Wiring.clerkDesk(s, journal).journalKey(), 20_000, Instant.now());
            try (ConsoleServer console = Wiring.console(s, journal)) {
                String base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
                HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                        .connectTimeout(Duration.ofSeconds(10)).build();
                String cookie = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=ann&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)))
                        .build(), HttpResponse.BodyHandlers.discarding()).headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                AtomicBoolean going = new AtomicBoolean(true);
                ExecutorService clerks = Executors.newFixedThreadPool(4);
                List<Future<int[]>> pages = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    pages.add(clerks.submit(() -> {
                        int ok = 0;
                        int other = 0;
                        while (going.get()) {
                            int status = http.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Cookie", cookie)
                                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                            if (status == 200) ok++;
                            else other++;
                        }
                        return new int[] {ok, other};
                    }));
                }
                Thread.sleep(1_000); // the dashboards are being loaded
                server.deliver(PilotModeTest.question(1, PilotModeTest.FORGOT));
                long t = System.nanoTime();
                PollResult r = Wiring.responder(s, journal).pollOnce();
                double took = (System.nanoTime() - t) / 1e9;
                Thread.sleep(1_000);
                going.set(false);
                int ok = 0;
                for (Future<int[]> f : pages) {
                    int[] counts = f.get();
                    assertThat(counts[1]).as("every dashboard answered").isZero();
                    ok += counts[0];
                }
                clerks.shutdown();
                System.out.printf("a mail handled in %.2f s while four clerks loaded the dashboard %d times%n", took, ok);
                assertThat(r.count("reply")).isEqualTo(1);
                assertThat(took).as("seconds to handle the mail (20 s when dashboards held the pool)").isLessThan(8);
                assertThat(ok).isPositive();
            }
        }
    }
}
