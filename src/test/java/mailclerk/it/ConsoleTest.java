package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.Accounts;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The clerks' console in headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run): a clerk
 * logs in, opens a flagged message, picks a topic, edits and sends the reply; GreenMail receives it as a person's
 * reply; the message leaves the queue; the label lands in the training file. Hostile mail renders as text.
 */
class ConsoleTest {
    static final String CLERK_PASSWORD = "clerk-test-password";
    static final String ADMIN_PASSWORD = "admin-test-password";
    static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TempDir
    Path dir;
    TestMailServer server;
    Journal journal;
    ConsoleServer console;
    Settings settings;
    String base;
    Path models;

    static final String QUERY_ERROR = "From: Dana Whitfield <dana@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
            + "Subject: Query error after linking\r\nMessage-ID: <query-error@firm.example>\r\n"
            + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n"
            + "My PACER account is linked to my CM/ECF account, but when I click on Query I get an error about my "
            + "PACER account. What should I do?\r\nDana\r\n";
    static final String HOSTILE = "From: \"<img src=x onerror=alert(2)>\" <mallory@evil.example>\r\n"
            + "To: helpdesk@iasb.uscourts.gov\r\nSubject: <script>alert(1)</script> hello\r\n"
            + "Message-ID: <hostile@evil.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/html; charset=utf-8\r\n"
            + "Date: Tue, 14 Oct 2025 10:12:00 -0500\r\n\r\n"
            + "<html><head><style>body{display:none}</style><script>alert(3)</script></head><body>"
            + "<p>Please see <a href=\"javascript:alert(4)\">this</a> <img src=\"http://evil.example/track.png\"> "
            + "&lt;script&gt;alert(5)&lt;/script&gt; about my chapter 13 plan payment schedule.</p></body></html>\r\n";

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        models = dir.resolve("models");
        copyTree(Path.of("models"), models);
        String users = "clara:clerk:" + Accounts.hash(CLERK_PASSWORD.toCharArray()) + ",ada:admin:"
                + Accounts.hash(ADMIN_PASSWORD.toCharArray());
        settings = server.settings(dir.resolve("data")).with(Map.of("models.dir", models.toString(), "console.users", users));
        journal = Journal.open(dir.resolve("data"));
        server.deliver(QUERY_ERROR.getBytes(StandardCharsets.UTF_8));
        server.deliver(HOSTILE.getBytes(StandardCharsets.UTF_8));
        assertThat(Wiring.responder(settings, journal).pollOnce().count("flag")).isEqualTo(2);
        console = Wiring.console(settings, journal);
        base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void login(WebDriver browser, String name, String password) {
        browser.get(base + "/login");
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form.login button")).click();
        // the next get() must not overtake the login's answer, which sets the session cookie
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
        // the home page is the dashboard (ConsoleWorkdayTest); these tests work the queue
        browser.get(base + "/queue");
    }

    private static void screenshot(WebDriver browser, String name) throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Files.copy(((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath(), SCREENSHOTS.resolve(name),
                StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void aClerkAnswersAFlaggedMessageFromTheBrowser() throws Exception {
        WebDriver browser = chromium();
        try {
            browser.get(base + "/queue");
            assertThat(browser.getCurrentUrl()).as("no page without a login").endsWith("/login");

            // a failed login is announced (an alert, the fields marked invalid, the title), focus on the password
            browser.findElement(By.name("name")).sendKeys("clara");
            browser.findElement(By.name("password")).sendKeys("not her password");
            browser.findElement(By.cssSelector("form.login button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("not logged in"));
            assertThat(browser.findElement(By.cssSelector("p.error[role=alert]")).getText()).startsWith("Not logged in:");
            assertThat(browser.findElement(By.name("password")).getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(browser.switchTo().activeElement().getAttribute("name")).isEqualTo("password");

            login(browser, "clara", CLERK_PASSWORD);
            assertThat(browser.getCurrentUrl()).endsWith("/queue");
            // the first Tab reaches the skip link, which leads past the header to the page's content
            new org.openqa.selenium.interactions.Actions(browser).sendKeys(org.openqa.selenium.Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
            assertThat(browser.findElement(By.cssSelector("a.skip")).getAttribute("href")).endsWith("#main");
            assertThat(browser.findElements(By.cssSelector("nav[aria-label]"))).isNotEmpty();
            browser.get(base + "/no-such-page");
            assertThat(browser.getTitle()).isEqualTo("Page not found - mailclerk");
            browser.get(base + "/");
            List<WebElement> days = browser.findElements(By.cssSelector("table.days tbody tr"));
            assertThat(days).as("the chart's figures as a table, a row per day").hasSizeGreaterThanOrEqualTo(28);
            assertThat(browser.findElements(By.cssSelector("table.days tbody th[scope=row]"))).hasSameSizeAs(days);
            browser.get(base + "/queue");
            Cookie session = browser.manage().getCookieNamed("mailclerk_session");
            assertThat(session.isHttpOnly()).isTrue();
            assertThat(session.getSameSite()).isEqualTo("Strict");
            List<WebElement> rows = browser.findElements(By.cssSelector("table.queue tbody tr"));
            assertThat(rows).hasSize(2);
            assertThat(rows.get(0).getText()).contains("Query error after linking").contains("query-error-pacer-account")
                    .contains("no approved template");
            // hostile subject and name are shown as text, never as markup
            assertThat(rows.get(1).getText()).contains("<script>alert(1)</script> hello").contains("<img src=x onerror=alert(2)>");
            // no script but the console's own idle warning, loaded from its file
            assertThat(browser.findElements(By.cssSelector("script:not([src='/static/session.js'])"))).isEmpty();
            assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            screenshot(browser, "queue.png");

            rows.get(1).findElement(By.tagName("a")).click();
            String text = browser.findElement(By.cssSelector("pre.mail")).getText();
            assertThat(text).contains("about my chapter 13 plan payment schedule").contains("<script>alert(5)</script>")
                    .doesNotContain("alert(3)").doesNotContain("display:none");
            // no script but the console's own idle warning, loaded from its file
            assertThat(browser.findElements(By.cssSelector("script:not([src='/static/session.js'])"))).isEmpty();
            assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
            assertThat(browser.findElements(By.tagName("img"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("main a[href^='javascript']"))).isEmpty();

            browser.get(base + "/queue");
            browser.findElements(By.cssSelector("table.queue tbody tr")).get(0).findElement(By.tagName("a")).click();
            assertThat(browser.findElement(By.cssSelector("ol.suggestions")).getText()).contains("query-error-pacer-account");
            new Select(browser.findElement(By.name("topic"))).selectByValue("linking-error");
            browser.findElement(By.cssSelector("form.choose button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("topic=linking-error"));
            WebElement body = browser.findElement(By.name("body"));
            assertThat(body.getAttribute("value")).contains("Dear Dana").isNotBlank();
            body.sendKeys("\nP.S. from the clerk: call us if the error stays.");
            screenshot(browser, "message.png");
            browser.findElement(By.id("send-reply")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/queue"));
            assertThat(browser.findElement(By.cssSelector("p.notice[role=status]")).getText()).isEqualTo("Reply sent.");
            assertThat(browser.getTitle()).isEqualTo("Reply sent. - Clerk queue - mailclerk");
            assertThat(browser.findElements(By.cssSelector("p.notice.failure"))).isEmpty();
            assertThat(browser.findElements(By.cssSelector("table.queue tbody tr"))).hasSize(1);

            List<MimeMessage> replies = server.repliesReceived();
            assertThat(replies).hasSize(1);
            MimeMessage reply = replies.get(0);
            assertThat(reply.getAllRecipients()[0].toString()).isEqualTo("dana@firm.example");
            assertThat(reply.getSubject()).isEqualTo("Re: Query error after linking");
            assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<query-error@firm.example>");
            assertThat(reply.getHeader("References")[0]).contains("<query-error@firm.example>");
            assertThat(reply.getHeader("Auto-Submitted")).as("a person sent it").isNull();
            assertThat(new String(reply.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).contains("P.S. from the clerk");
            assertThat(server.folderIds("Answered")).containsEntry("<query-error@firm.example>", false);
            assertThat(server.folderCount("Needs-Clerk")).isEqualTo(1);
            assertThat(Files.readString(models.resolve("clerk-labelled.tsv"))).startsWith("linking-error\tQuery error after linking\\n");

            // a clerk cannot reach the administrators' pages
            browser.get(base + "/models");
            assertThat(browser.getPageSource()).contains("administrators only");
            assertThat(status(session, "GET", "/models", null)).isEqualTo(403);
            assertThat(status(session, "GET", "/audit", null)).isEqualTo(403);

            // forms need the session's CSRF token; requests need a session
            assertThat(status(session, "POST", "/message/2/not-a-question", "csrf=wrong")).isEqualTo(403);
            assertThat(status(session, "POST", "/message/2/not-a-question", "")).isEqualTo(403);
            assertThat(status(null, "POST", "/message/2/not-a-question", "csrf=anything")).isEqualTo(401);
            assertThat(server.folderCount("Needs-Clerk")).isEqualTo(1);

            browser.findElement(By.cssSelector("form.logout button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
            login(browser, "ada", ADMIN_PASSWORD);
            browser.get(base + "/models");
            assertThat(browser.findElement(By.cssSelector("table.models")).getText()).contains("v2026");
            screenshot(browser, "models.png");
            browser.get(base + "/audit");
            assertThat(browser.findElement(By.cssSelector("table.audit")).getText()).contains("clara")
                    .contains("dana@firm.example").contains("linking-error");
            screenshot(browser, "audit.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void loginAttemptsAreSlowedNotLockedOut() throws Exception {
        for (int i = 0; i < 3; i++) assertThat(login("clara", "wrong-" + i)).isEqualTo(401);
        assertThat(login("clara", CLERK_PASSWORD)).as("even the right password must wait its turn").isEqualTo(429);
        assertThat(login("ada", ADMIN_PASSWORD)).as("another clerk at the same address is not locked out").isEqualTo(302);
        Thread.sleep(1_100); // the delay after three attempts is one second
        assertThat(login("clara", CLERK_PASSWORD)).as("the real clerk gets in after the delay").isEqualTo(302);
    }

    @Test
    void inShadowModeAClerkConfirmsTheSuggestedAnswerInOneClick() throws Exception {
        server.deliver(PilotModeTest.question(1, PilotModeTest.WHERE));
        Wiring.responder(settings.with(Map.of("reply.mode", "shadow")), journal).pollOnce();
        assertThat(server.repliesReceived()).isEmpty();
        WebDriver browser = chromium();
        try {
            login(browser, "clara", CLERK_PASSWORD);
            WebElement row = browser.findElements(By.cssSelector("table.queue tbody tr")).stream()
                    .filter(r -> r.getText().contains("question 1")).findFirst().orElseThrow();
            assertThat(row.getText()).contains("suggested answer ready").contains("where-to-login");
            row.findElement(By.tagName("a")).click();
            assertThat(browser.findElement(By.cssSelector("section.draft")).getText()).contains("where-to-login");
            screenshot(browser, "pilot-draft.png");
            browser.findElement(By.id("confirm-draft")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/queue"));
            assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("Suggested answer sent.");
            assertThat(server.repliesReceived()).singleElement().satisfies(m -> {
                assertThat(m.getAllRecipients()[0].toString()).isEqualTo("filer1@firm.example");
                assertThat(m.getHeader("Auto-Submitted")).as("a clerk sent it").isNull();
            });
            assertThat(server.folderIds("Answered")).containsKey("<p1@firm.example>");

            browser.findElement(By.cssSelector("form.logout button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
            login(browser, "ada", ADMIN_PASSWORD);
            browser.get(base + "/pilot");
            String report = browser.findElement(By.cssSelector("table.pilot")).getText();
            assertThat(report).contains("where-to-login 1 1 0 0 1.00");
            screenshot(browser, "pilot-report.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void mailWithUnparseableAddressesIsWorkedThroughTheConsole() throws Exception {
        for (String[] c : MalformedAddressQueueTest.CASES) server.deliver(MalformedAddressQueueTest.message(c[0], c[1], c[2]));
        Wiring.responder(settings, journal).pollOnce();
        WebDriver browser = chromium();
        try {
            login(browser, "clara", CLERK_PASSWORD);
            List<WebElement> rows = browser.findElements(By.cssSelector("table.queue tbody tr"));
            assertThat(rows).hasSize(2 + MalformedAddressQueueTest.CASES.length);
            String queue = browser.findElement(By.cssSelector("table.queue")).getText();
            assertThat(queue).contains("PACER question outlook-quoted").contains("PACER question control-in-name");
            WebElement spoofed = browser.findElements(By.cssSelector("table.queue tbody tr")).stream()
                    .filter(r -> r.getText().contains("spoofed-name")).findFirst().orElseThrow();
            assertThat(spoofed.findElement(By.cssSelector(".sender-address")).getText()).isEqualTo("attacker@evil.example");
            screenshot(browser, "queue-malformed.png");
            int handled = 0;
            for (String[] c : MalformedAddressQueueTest.CASES) {
                browser.get(base + "/queue");
                WebElement row = browser.findElements(By.cssSelector("table.queue tbody tr")).stream()
                        .filter(r -> r.getText().contains("PACER question " + c[0])).findFirst().orElseThrow();
                row.findElement(By.tagName("a")).click();
                assertThat(browser.findElement(By.cssSelector("pre.mail")).getText()).contains("Is my case closed yet? " + c[0]);
                String button = handled++ % 2 == 0 ? "Answered by hand" : "Not a question";
                browser.findElements(By.cssSelector(".other-actions button")).stream()
                        .filter(b -> b.getText().equals(button)).findFirst().orElseThrow().click();
                new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/queue"));
                assertThat(browser.findElement(By.cssSelector("p.notice")).getText()).as(c[0]).isIn(
                        "Marked as answered by hand.", "Filed as not a question.");
            }
            assertThat(browser.findElements(By.cssSelector("table.queue tbody tr"))).hasSize(2);
            assertThat(server.folderCount("Needs-Clerk")).isEqualTo(2);
        } finally {
            browser.quit();
        }
    }

    private int login(String name, String password) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + name + "&password=" + password)).build();
        return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int status(Cookie session, String method, String path, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (session != null) b.header("Cookie", session.getName() + "=" + session.getValue());
        if ("POST".equals(method)) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        }
        return HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
