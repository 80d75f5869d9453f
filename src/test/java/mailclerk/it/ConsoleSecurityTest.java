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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.Accounts;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's defences at the HTTP level, where no browser is needed to show them: each was broken once. */
class ConsoleSecurityTest {
    static final String CLERK_PASSWORD = "clerk-pass-for-tests";
    static final String ADMIN_PASSWORD = "admin-pass-for-tests";
    static final String FLAGGED = "From: Pat Filer <pat@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
            + "Subject: Is my case closed?\r\nMessage-ID: <case@firm.example>\r\n\r\nIs my chapter 13 case closed yet?\r\n";

    @TempDir
    Path dir;
    TestMailServer server;
    Journal journal;
    ConsoleServer console;
    String base;
    Settings settingsForSecondNode;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        Path models = TestModels.copyActive(dir); // the active version only, and no roll-back history
        // hashes at cost 4: this test makes many logins, and the cost is not what it tests
        String users = "clara:clerk:" + at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, CLERK_PASSWORD.toCharArray())
                + ",ada:admin:" + at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, ADMIN_PASSWORD.toCharArray());
        Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", models.toString(), "console.users", users));
        journal = Journal.open(dir.resolve("data"));
        server.deliver(FLAGGED.getBytes(StandardCharsets.US_ASCII));
        Wiring.responder(s, journal).pollOnce();
        console = Wiring.console(s, journal);
        settingsForSecondNode = s;
        base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    HttpResponse<String> send(String method, String path, String form, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) b.headers(headers);
        if (form != null) {
            if (headers.length == 0 || !String.join(" ", headers).contains("Content-Type")) {
                b.header("Content-Type", "application/x-www-form-urlencoded");
            }
            b.method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (b.length() > 0) b.append('&');
            b.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    /** Logs in; returns "cookie csrf". */
    String[] login(String name, String password) throws Exception {
        HttpResponse<String> r = send("POST", "/login", form("name", name, "password", password));
        assertThat(r.statusCode()).as("login of " + name).isEqualTo(302);
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> page = send("GET", "/queue", null, "Cookie", cookie);
        int at = page.body().indexOf("name=\"csrf\" value=\"");
        String csrf = page.body().substring(at + 19, page.body().indexOf('"', at + 19));
        return new String[] {cookie, csrf};
    }

    @Test
    void concurrentGuessesAreCountedBeforeThePasswordIsChecked() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            List<Callable<Integer>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String password = i == 39 ? CLERK_PASSWORD : "guess-" + i;
                attempts.add(() -> send("POST", "/login", form("name", "clara", "password", password)).statusCode());
            }
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : pool.invokeAll(attempts)) codes.add(f.get());
            long checked = codes.stream().filter(c -> c == 401 || c == 302).count();
            assertThat(checked).as("attempts whose password was checked, of 40 at once: " + codes).isLessThanOrEqualTo(3);
            assertThat(codes.stream().filter(c -> c == 429).count()).isGreaterThanOrEqualTo(37);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBurstOfGuessesIsSlowedDownAndTellsWhenToComeBack() throws Exception {
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = send("POST", "/login", form("name", "clara", "password", "guess-" + i));
            if (r.statusCode() == 429) {
                refused++;
                assertThat(r.headers().firstValue("Retry-After")).isPresent();
            }
        }
        assertThat(refused).isGreaterThanOrEqualTo(16);
    }

    @Test
    void xForwardedForIsBelievedOnlyFromATrustedProxy() throws Exception {
        // the console trusts no proxy here, so a forged header does not buy a fresh address for each guess
        int refused = 0;
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = send("POST", "/login", form("name", "clara", "password", "guess-" + i),
                    "X-Forwarded-For", "10.0.0." + i);
            if (r.statusCode() == 429) refused++;
        }
        assertThat(refused).isGreaterThanOrEqualTo(6);
    }

    @Test
    void formsPostedFromAnotherSiteAreRefusedLoginIncluded() throws Exception {
        assertThat(send("POST", "/login", form("name", "ada", "password", ADMIN_PASSWORD),
                "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/login", form("name", "ada", "password", ADMIN_PASSWORD),
                "Sec-Fetch-Site", "cross-site").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/login", form("name", "ada", "password", ADMIN_PASSWORD),
                "Origin", "null").statusCode()).isEqualTo(403);
        String host = URI.create(base).getAuthority();
        assertThat(send("POST", "/login", form("name", "ada", "password", ADMIN_PASSWORD),
                "Origin", "http://" + host, "Sec-Fetch-Site", "same-origin").statusCode()).isEqualTo(302);
        String[] s = login("clara", CLERK_PASSWORD);
        assertThat(send("POST", "/message/1/not-a-question", form("csrf", s[1]), "Cookie", s[0],
                "Origin", "https://evil.example").statusCode()).isEqualTo(403);
        assertThat(server.folderCount("Needs-Clerk")).isEqualTo(1);
    }

    @Test
    void noticesComeFromAFixedSet() throws Exception {
        String[] s = login("clara", CLERK_PASSWORD);
        String fake = "Your password expires today, re-confirm it at https://evil.example";
        String page = send("GET", "/queue?notice=" + URLEncoder.encode(fake, StandardCharsets.UTF_8), null, "Cookie", s[0]).body();
        assertThat(page).doesNotContain("expires today").doesNotContain("class=\"notice\"");
        assertThat(send("GET", "/queue?notice=reply-sent", null, "Cookie", s[0]).body()).contains("Reply sent.");
    }

    @Test
    void badRequestsAreRefusedWithA400BeforeTheMailServerSeesThem() throws Exception {
        String[] clerk = login("clara", CLERK_PASSWORD);
        for (String uid : List.of("0", "-1", "4294967296", "abc")) {
            HttpResponse<String> r = send("GET", "/message/" + uid, null, "Cookie", clerk[0]);
            assertThat(r.statusCode()).as("/message/" + uid).isEqualTo(400);
            assertThat(r.body()).contains("not a message number");
        }
        String[] admin = login("ada", ADMIN_PASSWORD);
        for (String q : List.of("from=notadate", "from=2026-02-30", "to=31/12/2026")) {
            HttpResponse<String> r = send("GET", "/audit?" + q, null, "Cookie", admin[0]);
            assertThat(r.statusCode()).as(q).isEqualTo(400);
            // the audit page itself, with what is wrong announced and the typed value kept to correct
            assertThat(r.body()).contains("YYYY-MM-DD").contains("role=\"alert\"").contains("aria-invalid=\"true\"")
                    .contains("value=\"" + q.substring(q.indexOf('=') + 1) + "\"").contains("<h1>Replies sent</h1>");
        }
        assertThat(send("POST", "/models/activate", form("csrf", admin[1]), "Cookie", admin[0]).statusCode()).isEqualTo(400);
        HttpResponse<String> missing = send("POST", "/models/activate", form("csrf", admin[1], "version", "v-none"), "Cookie", admin[0]);
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).doesNotContain(dir.toString()).doesNotContain("versions/").contains("no model version v-none");
        HttpResponse<String> rollback = send("POST", "/models/rollback", form("csrf", admin[1]), "Cookie", admin[0]);
        assertThat(rollback.statusCode()).isEqualTo(400);
        assertThat(rollback.body()).contains("no earlier model");
    }

    @Test
    void multipartAndOversizedBodiesAreRefusedUnread() throws Exception {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 1_500; i++) {
            parts.append("--b\r\nContent-Disposition: form-data; name=\"p").append(i).append("\"\r\n\r\nx\r\n");
        }
        parts.append("--b--\r\n");
        assertThat(send("POST", "/login", parts.toString(), "Content-Type", "multipart/form-data; boundary=b").statusCode())
                .isEqualTo(415);
        String big = "name=clara&password=" + "x".repeat(2 * 1024 * 1024);
        try {
            assertThat(send("POST", "/login", big).statusCode()).isEqualTo(413);
        } catch (java.io.IOException e) {
            // the server answered 413 and closed before the client finished writing 2 MB: refused unread all the same
            assertThat(e.getMessage()).containsAnyOf("header parser received no bytes", "Connection reset", "Broken pipe");
        }
    }

    @Test
    void pagesCarryFramingAndCharsetHeaders() throws Exception {
        HttpResponse<String> r = send("GET", "/login", null);
        assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(r.headers().firstValue("Content-Type").orElse("").toLowerCase()).contains("text/html").contains("charset=utf-8");
    }

    @Test
    void aClerkLoggedInOnOneNodeIsKnownOnTheOther() throws Exception {
        String[] clerk = login("clara", CLERK_PASSWORD);
        Settings s = settingsForSecondNode;
        try (ConsoleServer other = Wiring.console(s, journal)) {
            String otherBase = "http://127.0.0.1:" + other.start("127.0.0.1", 0);
            HttpRequest r = HttpRequest.newBuilder(URI.create(otherBase + "/queue")).header("Cookie", clerk[0]).GET().build();
            HttpResponse<String> page = http.send(r, HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("clara (clerk)");
        }
    }

    @Test
    void guessesOnTwoNodesShareOneBudget() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(send("POST", "/login", form("name", "clara", "password", "guess-" + i)).statusCode()).isEqualTo(401);
        }
        try (ConsoleServer other = Wiring.console(settingsForSecondNode, journal)) {
            String otherBase = "http://127.0.0.1:" + other.start("127.0.0.1", 0);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(otherBase + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form("name", "clara", "password", "guess-3"))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("the other node knows the three guesses made here").isEqualTo(429);
        }
    }

    @Test
    void anAdministratorEndsAllOfAUsersSessions() throws Exception {
        String[] clerk1 = login("clara", CLERK_PASSWORD);
        String[] clerk2 = login("clara", CLERK_PASSWORD);
        String[] admin = login("ada", ADMIN_PASSWORD);
        assertThat(send("GET", "/sessions", null, "Cookie", clerk1[0]).statusCode()).as("administrators only").isEqualTo(403);
        String list = send("GET", "/sessions", null, "Cookie", admin[0]).body();
        assertThat(list).contains("clara").doesNotContain(clerk1[0].split("=")[1]);
        assertThat(send("POST", "/sessions/end", form("csrf", admin[1], "user", "clara"), "Cookie", admin[0]).statusCode())
                .isEqualTo(302);
        assertThat(send("GET", "/queue", null, "Cookie", clerk1[0]).statusCode()).isEqualTo(302);
        assertThat(send("GET", "/queue", null, "Cookie", clerk2[0]).statusCode()).isEqualTo(302);
        assertThat(send("GET", "/queue", null, "Cookie", admin[0]).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionsFollowTheAccounts() throws Exception {
        String[] clara = login("clara", CLERK_PASSWORD);
        String[] ada = login("ada", ADMIN_PASSWORD);
        String claraHash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, CLERK_PASSWORD.toCharArray());
        String adaHash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, ADMIN_PASSWORD.toCharArray());
        // the administrator removes clara and demotes ada, and restarts the console: both old cookies get the login page
        console.close();
        console = restart("bert:clerk:" + claraHash + ",ada:clerk:" + adaHash);
        assertThat(send("GET", "/queue", null, "Cookie", clara[0]).statusCode()).as("a removed clerk").isEqualTo(302);
        assertThat(send("GET", "/models", null, "Cookie", ada[0]).statusCode()).as("a demoted administrator").isEqualTo(302);
        assertThat(send("GET", "/queue", null, "Cookie", ada[0]).statusCode()).isEqualTo(302);
        // ada signs in again, as a clerk now; then her password is changed: her session ends with it
        String[] adaClerk = login("ada", ADMIN_PASSWORD);
        assertThat(send("GET", "/models", null, "Cookie", adaClerk[0]).statusCode()).isEqualTo(403);
        String[] bert = login("bert", CLERK_PASSWORD);
        console.close();
        String newHash = at.favre.lib.crypto.bcrypt.BCrypt.withDefaults().hashToString(4, "a-new-password".toCharArray());
        console = restart("bert:clerk:" + claraHash + ",ada:clerk:" + newHash);
        assertThat(send("GET", "/queue", null, "Cookie", adaClerk[0]).statusCode()).as("a changed password").isEqualTo(302);
        assertThat(send("GET", "/queue", null, "Cookie", bert[0]).statusCode()).as("an unchanged account").isEqualTo(200);
        // a second node still running the old accounts is no way around it: the session row is gone for both
        String[] bertAgain = login("bert", CLERK_PASSWORD);
        try (ConsoleServer old = Wiring.console(settingsForSecondNode.with(Map.of("console.users", "bert:admin:" + claraHash)),
                journal)) {
            String oldBase = "http://127.0.0.1:" + old.start("127.0.0.1", 0);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(oldBase + "/models")).header("Cookie", bertAgain[0])
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("bert is a clerk on the node he signed in on; a node that thinks otherwise "
                    + "does not make him an administrator").isEqualTo(302);
        }
    }

    private ConsoleServer restart(String users) {
        ConsoleServer c = Wiring.console(settingsForSecondNode.with(Map.of("console.users", users)), journal);
        base = "http://127.0.0.1:" + c.start("127.0.0.1", 0);
        return c;
    }

    @Test
    void oddRequestsGetPlainAnswers() throws Exception {
        String[] admin = login("ada", ADMIN_PASSWORD);
        assertThat(send("GET", "/audit?from=-999999999-01-01", null, "Cookie", admin[0]).statusCode()).isEqualTo(400);
        HttpResponse<String> pilot = send("GET", "/pilot?since=%2B999999999-12-31", null, "Cookie", admin[0]);
        assertThat(pilot.statusCode()).isEqualTo(400);
        assertThat(pilot.body()).contains("<h1>Pilot report</h1>").contains("value=\"+999999999-12-31\"")
                .contains("aria-invalid=\"true\"").contains("between 1900-01-01 and 9999-12-31");
        HttpResponse<String> missing = send("GET", "/no-such-page-MARKER", null, "Cookie", admin[0]);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("Page not found").doesNotContain("MARKER").doesNotContain("Endpoint");
        assertThat(send("GET", "/queue?page=9", null, "Cookie", admin[0]).body()).as("a page past the end: the last one")
                .contains("Is my case closed?");
        assertThat(send("POST", "/login", form("name", "clara", "password", "x".repeat(100))).statusCode())
                .as("a password longer than bcrypt reads is a wrong password").isEqualTo(401);
    }

    @Test
    void aShortMetricsTokenIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> mailclerk.web.ConsoleOptions.from(
                settingsForSecondNode.with(Map.of("console.metrics-token", "too-short"))))
                .isInstanceOf(mailclerk.config.ConfigException.class).hasMessageContaining("at least 32");
    }

    /**
     * WCAG 2.2.1: a reply sent after the session ended is not lost. The post gets the sign-in page carrying the reply
     * in its own form; after the sign-in the reply is shown again, filled in, and nothing is sent until the clerk
     * presses Send again with the new session. (The session is ended by logging out: to the server an ended session
     * is the same whether the idle limit or the clerk ended it.)
     */
    @Test
    void aReplySentAfterTheSessionEndedIsKeptThroughTheNewSignInAndSentOnlyWhenSentAgain() throws Exception {
        String[] s = login("clara", CLERK_PASSWORD);
        String body = "Dear Pat,\nyour case <script>alert(1)</script> is closed & done.\nThe clerk";
        assertThat(send("POST", "/logout", form("csrf", s[1]), "Cookie", s[0]).statusCode()).isEqualTo(303);

        HttpResponse<String> ended = send("POST", "/message/1/send", form("csrf", s[1], "topic", "where-to-login", "body", body),
                "Cookie", s[0]);
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body()).contains("role=\"alert\"").contains("your reply was not sent")
                .contains("name=\"kept-uid\" value=\"1\"").contains("name=\"kept-topic\" value=\"where-to-login\"")
                .contains("&lt;script>").doesNotContain("<script>alert");
        String marker = "name=\"kept-body\" value=\"";
        String keptBody = ended.body().substring(ended.body().indexOf(marker) + marker.length());
        keptBody = keptBody.substring(0, keptBody.indexOf('"'));

        HttpResponse<String> wrong = send("POST", "/login", form("name", "clara", "password", "not it", "kept-uid", "1",
                "kept-topic", "where-to-login", "kept-body", body));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).as("a mistyped password keeps the reply too").contains("name=\"kept-body\" value=\"" + keptBody + "\"");

        HttpResponse<String> login = send("POST", "/login", form("name", "clara", "password", CLERK_PASSWORD, "kept-uid", "1",
                "kept-topic", "where-to-login", "kept-body", body));
        // a redirect, so that the browser's history holds no page that would post the password again
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location").orElseThrow()).isEqualTo("/kept");
        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> signedIn = send("GET", "/kept", null, "Cookie", cookie);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("Your reply was kept").contains("not sent")
                .contains("action=\"/message/1/send\"").contains("&lt;script&gt;alert(1)&lt;/script&gt; is closed &amp; done.")
                .doesNotContain("<script>alert");
        assertThat(send("GET", "/kept", null, "Cookie", cookie).statusCode()).as("shown once").isEqualTo(302);
        assertThat(send("GET", "/kept", null, "Cookie", s[0]).statusCode()).as("not to the ended session").isEqualTo(302);
        assertThat(server.repliesReceived()).as("nothing is sent by signing in").isEmpty();

        int at = signedIn.body().indexOf("name=\"csrf\" value=\"");
        String csrf = signedIn.body().substring(at + 19, signedIn.body().indexOf('"', at + 19));
        assertThat(csrf).isNotEqualTo(s[1]);
        HttpResponse<String> sent = send("POST", "/message/1/send", form("csrf", csrf, "topic", "where-to-login", "body", body),
                "Cookie", cookie);
        assertThat(sent.statusCode()).isEqualTo(302);
        assertThat(sent.headers().firstValue("Location").orElseThrow()).contains("notice=reply-sent");
        assertThat(server.repliesReceived()).hasSize(1);

        // any other post after the session ended: the sign-in page saying it was not done, nothing carried
        HttpResponse<String> other = send("POST", "/message/1/claim", form("csrf", s[1]), "Cookie", s[0]);
        assertThat(other.statusCode()).isEqualTo(401);
        assertThat(other.body()).contains("that was not done").doesNotContain("kept-body");
    }

    @Test
    void theIdleWarningScriptIsServedUnderTheContentSecurityPolicyAndKeepaliveNeedsASession() throws Exception {
        String[] s = login("clara", CLERK_PASSWORD);
        HttpResponse<String> page = send("GET", "/queue", null, "Cookie", s[0]);
        assertThat(page.body()).contains("<script src=\"/static/session.js\" defer></script>").contains("data-idle-seconds=\"")
                .contains("id=\"session-warning\"");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'")
                .doesNotContain("unsafe-inline");
        HttpResponse<String> script = send("GET", "/static/session.js", null);
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("/keepalive");
        assertThat(send("GET", "/keepalive", null, "Cookie", s[0]).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/keepalive", null).statusCode()).as("no session: to the sign-in").isEqualTo(302);
    }
}
