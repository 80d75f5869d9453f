package mailclerk.it;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.Accounts;
import mailclerk.web.ConsoleServer;
import mailclerk.web.Dashboard;

/**
 * A benchmark, not a test: the dashboard (the console's home page) on a journal of 50,000 messages over 30 days
 * (the embedded H2 journal on disk; `postgres` as the second argument for embedded PostgreSQL). Prints the time of
 * the journal's figures (Dashboard.of) and of GET / over HTTP: median and slowest of 15 runs after 3 warm-up runs.
 * Run it with the command in the README ("How quick is the dashboard").
 */
public final class DashboardBench {
    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        boolean postgres = args.length > 1 && args[1].equals("postgres");
        Path dir = Files.createTempDirectory("mailclerk-bench");
        try (TestMailServer server = new TestMailServer()) {
            Map<String, String> o = new java.util.HashMap<>(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                    "console.users", "ann:clerk:" + Accounts.hash("bench-password".toCharArray())));
            if (postgres) o.put("db.url", mailclerk.queue.TestPostgres.newDatabase());
            Settings s = server.settings(dir.resolve("data")).with(o);
            try (Journal journal = Wiring.journal(s)) {
                long t0 = System.nanoTime();
                BusyJournal.fill(journal, Wiring.clerkDesk(s, journal).journalKey(), messages, Instant.now());
                System.out.printf(Locale.ROOT, "journal (%s) filled with %,d messages in %.1f s%n", postgres ? "PostgreSQL" : "H2",
                        messages, (System.nanoTime() - t0) / 1e9);
                report("Dashboard.of (the journal's figures, no cache)", () -> Dashboard.of(journal, ZoneId.of("America/Chicago"),
                        Instant.now()).periods().get(2).received());
                try (ConsoleServer console = Wiring.console(s, journal)) {
                    String base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
                    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                    HttpResponse<Void> login = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                            .POST(HttpRequest.BodyPublishers.ofString("name=ann&password="
                                    + URLEncoder.encode("bench-password", StandardCharsets.UTF_8))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
                    report("GET / (the dashboard page over HTTP)", () -> http.send(HttpRequest.newBuilder(URI.create(base + "/"))
                            .header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body().length());
                }
            }
        }
    }

    interface Run {
        int run() throws Exception;
    }

    static void report(String what, Run run) throws Exception {
        for (int i = 0; i < Integer.getInteger("warmup", 3); i++) run.run();
        List<Double> ms = new ArrayList<>();
        int result = 0;
        for (int i = 0; i < Integer.getInteger("runs", 15); i++) {
            long t = System.nanoTime();
            result = run.run();
            ms.add((System.nanoTime() - t) / 1e6);
        }
        ms.sort(null);
        System.out.printf(Locale.ROOT, "%-50s median %7.1f ms, slowest %7.1f ms (result %d)%n", what, ms.get(ms.size() / 2),
                ms.get(ms.size() - 1), result);
    }
}
