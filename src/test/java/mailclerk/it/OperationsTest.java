package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.metrics.Metrics;
import mailclerk.queue.Journal;
import mailclerk.respond.Responder;
import mailclerk.web.Accounts;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service surface against a real console and GreenMail: /health before the first poll, after one and with the
 * mail server down; /metrics refused without the bearer token, off without a configured token, and its counts
 * after a poll. No login is needed for either, and neither shows mail data.
 */
class OperationsTest {
    static final String TOKEN = "metrics-test-token-0123456789-abcdef";

    @TempDir
    Path dir;
    TestMailServer server;
    Journal journal;
    ConsoleServer console;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    Settings start(Map<String, String> extra) throws Exception {
        server = new TestMailServer();
        String users = "clara:clerk:" + Accounts.hash("clerk-test-password".toCharArray());
        Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                "console.users", users)).with(extra);
        journal = Journal.open(dir.resolve("data"));
        console = Wiring.console(s, journal);
        port = console.start("127.0.0.1", 0);
        return s;
    }

    int port;

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20));
        if (headers.length > 0) b.headers(headers);
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void healthBeforeTheFirstPollAfterAPollAndWithTheMailServerDown() throws Exception {
        Settings s = start(Map.of("health.max-poll-age", "4"));
        HttpResponse<String> before = get("/health");
        assertThat(before.statusCode()).as("no login needed").isEqualTo(200);
        assertThat(before.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(before.body()).contains("\"status\":\"starting\"").contains("\"mailboxes\":{}").contains("\"modelVersion\":\"v");

        server.deliver(PilotModeTest.question(1, PilotModeTest.CASE));
        Responder responder = Wiring.responder(s, journal);
        responder.pollOnce();
        HttpResponse<String> after = get("/health");
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("\"status\":\"ok\"")
                .containsPattern("\"default\":\\{\"secondsSinceLastSuccessfulPoll\":[0-9]\\}")
                .as("no mail data, nothing about the mailbox's account or server").doesNotContain("question 1")
                .doesNotContain("filer1").doesNotContain("helpdesk").doesNotContain("127.0.0.1");

        server.close();
        server = null;
        assertThatThrownBy(responder::pollOnce).as("the mail server is down").isInstanceOf(jakarta.mail.MessagingException.class);
        assertThat(get("/health").statusCode()).as("failing, but not yet for health.max-poll-age").isEqualTo(200);
        Thread.sleep(4_500);
        HttpResponse<String> down = get("/health");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"status\":\"failing\"").doesNotContain("Exception");
    }

    @Test
    void metricsNeedTheBearerTokenAndCountAPoll() throws Exception {
        Settings s = start(Map.of("console.metrics-token", TOKEN));
        assertThat(get("/metrics").statusCode()).isEqualTo(401);
        assertThat(get("/metrics").headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
        assertThat(get("/metrics", "Authorization", "Bearer wrong-token").statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Authorization", "Basic " + TOKEN).statusCode()).isEqualTo(401);
        assertThat(get("/metrics", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);

        Responder responder = Wiring.responder(s, journal);
        String key = responder.mailboxKey();
        String before = scrape();
        server.deliver(PilotModeTest.question(1, PilotModeTest.WHERE)); // answered automatically
        server.deliver(PilotModeTest.question(2, PilotModeTest.CASE));  // to a clerk
        server.deliver(PilotModeTest.question(3, PilotModeTest.CASE));  // to a clerk
        Metrics.shared().tokenRefreshed(key, "success"); // what the OAuth2 sign-in records
        responder.pollOnce();
        HttpResponse<String> r = get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        String after = r.body();
        assertThat(sum(after, "mailclerk_messages_handled_total{", "action=\"reply\"") - sum(before, "mailclerk_messages_handled_total{", "action=\"reply\"")).isEqualTo(1);
        assertThat(sum(after, "mailclerk_messages_handled_total{", "action=\"flag\"") - sum(before, "mailclerk_messages_handled_total{", "action=\"flag\"")).isEqualTo(2);
        assertThat(sum(after, "mailclerk_messages_handled_total{", "topic=\"where-to-login\"")
                - sum(before, "mailclerk_messages_handled_total{", "topic=\"where-to-login\"")).isEqualTo(1);
        assertThat(sum(after, "mailclerk_replies_sent_total{", "by=\"automatic\"") - sum(before, "mailclerk_replies_sent_total{", "by=\"automatic\"")).isEqualTo(1);
        String mailbox = "mailbox=\"" + key + "\"";
        assertThat(sum(after, "mailclerk_poll_duration_seconds_count{", mailbox, "outcome=\"success\"")).isEqualTo(1);
        assertThat(sum(after, "mailclerk_token_refreshes_total{", mailbox)).isEqualTo(1);
        assertThat(sum(after, "mailclerk_last_successful_poll_timestamp_seconds{", mailbox))
                .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(30.0));
        assertThat(sum(after, "mailclerk_queue_size{", mailbox)).isEqualTo(2);
        assertThat(after).as("no subjects or addresses").doesNotContain("question 2").doesNotContain("filer2");

        server.close();
        server = null;
        assertThatThrownBy(responder::pollOnce).isInstanceOf(jakarta.mail.MessagingException.class);
        assertThat(sum(scrape(), "mailclerk_poll_failures_total{", mailbox)).isEqualTo(1);
    }

    @Test
    void metricsAreOffWithoutAToken() throws Exception {
        start(Map.of());
        assertThat(get("/metrics", "Authorization", "Bearer ").statusCode()).isEqualTo(404);
        assertThat(get("/metrics").statusCode()).isEqualTo(404);
    }

    private String scrape() throws Exception {
        HttpResponse<String> r = get("/metrics", "Authorization", "Bearer " + TOKEN);
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    /** The sum of the samples of a series whose labels contain every one of {@code labels}. */
    static double sum(String scrape, String series, String... labels) {
        double total = 0;
        for (String line : scrape.split("\n")) {
            if (!line.startsWith(series)) continue;
            boolean all = true;
            for (String l : labels) all &= line.contains(l);
            if (!all) continue;
            // the series name must end here (mailclerk_queue_size must not match mailclerk_queue_size_x)
            char next = line.length() > series.length() ? line.charAt(series.length()) : ' ';
            if (!series.endsWith("{") && next != ' ' && next != '{') continue;
            total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
        return total;
    }
}
