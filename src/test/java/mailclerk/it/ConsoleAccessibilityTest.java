package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * WCAG 2.1 AA in headless Chromium: axe-core (test resource {@code axe/axe.min.js}, the npm package's file, MPL-2.0)
 * runs on every page state a clerk and an administrator reach, and the test fails on any violation tagged wcag2a,
 * wcag2aa, wcag21a or wcag21aa. Each page is also loaded in a 320 px wide window, where nothing may scroll
 * sideways (1.4.10 reflow). Then what axe cannot see: titles that are set and tell pages apart, results announced,
 * the skip link, the language of mail that is not English, and a reply typed before the session was ended from
 * elsewhere shown again after signing in, never sent by the sign-in.
 */
class ConsoleAccessibilityTest {
    static final String PASSWORD = "a11y-test-password";
    static final String AXE = load();
    static final String SPANISH = "From: Rosa Medina <rosa@correo.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
            + "Subject: No puedo entrar\r\nMessage-ID: <rosa@correo.example>\r\nDate: Tue, 14 Oct 2025 11:00:00 -0500\r\n\r\n"
            + "Hola, no puedo entrar a mi cuenta de PACER para presentar documentos. \u00bfC\u00f3mo cambio la "
            + "contrase\u00f1a? Muchas gracias por su ayuda.\r\n";

    @TempDir
    Path dir;
    TestMailServer server;
    Journal journal;
    ConsoleServer console;
    Settings settings;
    String base;
    /** Each page kind visited and its title: every one set, no two alike. */
    final Map<String, String> titles = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        String users = "clara:clerk:" + Accounts.hash(PASSWORD.toCharArray()) + ",ada:admin:" + Accounts.hash(PASSWORD.toCharArray());
        settings = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                "console.users", users));
        journal = Journal.open(dir.resolve("data"));
        server.deliver(ConsoleTest.QUERY_ERROR.getBytes(StandardCharsets.UTF_8));
        server.deliver(ConsoleTest.HOSTILE.getBytes(StandardCharsets.UTF_8));
        server.deliver(SPANISH.getBytes(StandardCharsets.UTF_8));
        Wiring.responder(settings, journal).pollOnce();
        server.deliver(PilotModeTest.question(1, PilotModeTest.WHERE));
        Wiring.responder(settings.with(Map.of("reply.mode", "shadow")), journal).pollOnce();
        console = Wiring.console(settings, journal);
        base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    @Test
    void everyPageAClerkAndAnAdministratorReachPassesAxeAndReflowsAt320Pixels() throws Exception {
        WebDriver browser = ConsoleTest.chromium();
        try {
            browser.get(base + "/login");
            check(browser, "login");
            browser.findElement(By.name("name")).sendKeys("clara");
            browser.findElement(By.name("password")).sendKeys("wrong");
            browser.findElement(By.cssSelector("form.login button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains("not logged in"));
            assertThat(browser.findElement(By.name("password")).getAttribute("aria-invalid")).isEqualTo("true");
            check(browser, "failed login");

            logIn(browser, "clara");
            check(browser, "dashboard");
            // the skip link is the first stop and moves focus to the page's content
            new Actions(browser).sendKeys(Keys.TAB).perform();
            assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to main content");
            new Actions(browser).sendKeys(Keys.ENTER).perform();
            assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("main");
            assertThat(browser.findElements(By.cssSelector("table.days tbody th[scope=row]"))).hasSizeGreaterThanOrEqualTo(28);

            browser.get(base + "/queue");
            check(browser, "queue");
            browser.get(base + "/queue?sort=oldest&reason=no-template&q=PACER&page=1");
            check(browser, "queue / filtered");

            browser.get(base + "/queue");
            open(browser, "No puedo entrar");
            check(browser, "Spanish message");
            assertThat(browser.findElement(By.cssSelector("pre.mail span")).getAttribute("lang")).isEqualTo("es");
            browser.get(base + "/queue");
            open(browser, "<script>alert(1)</script> hello");
            check(browser, "hostile message");
            assertThat(browser.findElement(By.cssSelector("pre.mail span")).getAttribute("lang")).as("English: the page's own").isEmpty();
            browser.get(base + "/queue");
            open(browser, "question 1");
            assertThat(browser.findElements(By.cssSelector("section.draft"))).isNotEmpty();
            check(browser, "draft");

            browser.get(base + "/queue");
            open(browser, "Query error after linking");
            check(browser, "flagged message");
            new Select(browser.findElement(By.name("topic"))).selectByValue("linking-error");
            browser.findElement(By.cssSelector("form.choose button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("topic=linking-error"));
            check(browser, "flagged message / reply editor");

            // the clerk's session is ended from elsewhere while a reply is being typed
            WebElement body = browser.findElement(By.name("body"));
            body.sendKeys("\nTyped before the session ended.");
            endSessionsOf("clara");
            browser.findElement(By.id("send-reply")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.name("password")));
            check(browser, "login / after the session ended");
            browser.findElement(By.name("name")).sendKeys("clara");
            browser.findElement(By.name("password")).sendKeys(PASSWORD);
            browser.findElement(By.cssSelector("form.login button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/kept"));
            assertThat(browser.findElement(By.name("body")).getAttribute("value")).contains("Typed before the session ended.");
            assertThat(server.repliesReceived()).as("signing in sends nothing").isEmpty();
            check(browser, "kept reply");
            browser.findElement(By.id("send-reply")).click();
            new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains("/queue"));
            assertThat(browser.findElement(By.cssSelector("p.notice[role=status]")).getText()).isEqualTo("Reply sent.");
            assertThat(browser.getTitle()).startsWith("Reply sent.");
            check(browser, "queue after a reply");
            assertThat(server.repliesReceived()).singleElement();

            browser.get(base + "/no-such-page");
            assertThat(browser.getTitle()).isEqualTo("Page not found - mailclerk");
            check(browser, "page not found");
            browser.get(base + "/models");
            check(browser, "not allowed");

            browser.findElement(By.cssSelector("form.logout button")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/login"));
            logIn(browser, "ada");
            browser.get(base + "/pilot");
            check(browser, "pilot");
            browser.get(base + "/pilot?since=31/12/2025");
            assertThat(browser.findElement(By.name("since")).getAttribute("value")).isEqualTo("31/12/2025");
            assertThat(browser.findElement(By.cssSelector("p.error[role=alert]")).getText()).contains("YYYY-MM-DD");
            check(browser, "pilot, bad date");
            browser.get(base + "/models");
            check(browser, "models");
            browser.get(base + "/audit?topic=linking-error");
            check(browser, "audit");
            browser.get(base + "/audit?from=31/12/2025&to=%2B99999-01-01");
            assertThat(browser.findElement(By.name("from")).getAttribute("value")).as("kept as typed").isEqualTo("31/12/2025");
            assertThat(browser.findElement(By.cssSelector("p.error[role=alert]")).getText()).contains("From:").contains("To:");
            check(browser, "audit, bad dates");
            browser.get(base + "/topics");
            assertThat(browser.findElement(By.cssSelector("table.topics")).getText()).contains("where-to-login");
            check(browser, "topics");
            browser.get(base + "/topics/where-to-login");
            browser.findElement(By.cssSelector("form.answer button[value=preview]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.id("preview")));
            check(browser, "topic with preview");
            httpLogin("clara");
            browser.get(base + "/sessions");
            check(browser, "sessions");
            browser.findElement(By.xpath("//table[@class='sessions']//button[contains(., 'of clara')]")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("p.notice")));
            check(browser, "sessions ended");
        } finally {
            browser.quit();
        }
        assertThat(problems).as("axe and reflow findings").isEmpty();
        assertThat(titles.values()).as("every title set").allSatisfy(t -> assertThat(t).isNotBlank().doesNotStartWith(" "));
        assertThat(titles.values().stream().distinct().count()).as("titles tell pages apart: " + titles)
                .isEqualTo(titles.size());
    }

    /** axe at the normal width, then the same page at 320 px: nothing may scroll sideways. */
    private void check(WebDriver browser, String page) throws Exception {
        // "page / state": the same page in another state, which may keep its title
        if (!page.contains(" / ")) titles.put(page, browser.getTitle());
        for (String v : axe(browser)) problems.add(page + ": " + v);
        reflow(browser, page);
    }

    /** axe-core's violations of WCAG 2.0/2.1 A and AA on the page the browser shows, one line each. */
    static List<String> axe(WebDriver browser) throws Exception {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(AXE);
        List<String> found = new ArrayList<>();
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                  .then(r => done(JSON.stringify(r.violations.map(v => ({id: v.id, help: v.help,
                      nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary)})))))
                  .catch(e => done('axe failed: ' + e));
                """);
        JsonNode violations = new ObjectMapper().readTree(String.valueOf(result));
        for (JsonNode v : violations) found.add(v.get("id").asText() + " (" + v.get("help").asText() + ") " + v.get("nodes"));
        return found;
    }

    private void reflow(WebDriver browser, String page) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        // a 320 CSS pixel viewport: windows this narrow are refused by headless Chromium, the device metrics are not
        ChromeDriver chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 320, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        try {
            assertThat(((Number) js.executeScript("return document.documentElement.clientWidth;")).intValue())
                    .as("the viewport is 320 px wide").isLessThanOrEqualTo(320);
            Number overflow = (Number) js.executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
            if (overflow.intValue() > 0) {
                problems.add(page + ": scrolls " + overflow + " px sideways at 320 px: " + js.executeScript("""
                        const w = document.documentElement.clientWidth;
                        return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 1)
                          .slice(0, 5).map(e => e.tagName + '.' + (e.getAttribute('class') || '') + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ');
                        """));
            }
        } finally {
            chrome.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    private void logIn(WebDriver browser, String name) {
        browser.get(base + "/login");
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private static void open(WebDriver browser, String subject) {
        browser.findElements(By.cssSelector("table.queue tbody tr")).stream().filter(r -> r.getText().contains(subject))
                .findFirst().orElseThrow(() -> new AssertionError("no queue row for " + subject))
                .findElement(By.tagName("a")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("pre.mail")));
    }

    /** An administrator, in another client, ends every session of this clerk (as on the Sessions page). */
    private void endSessionsOf(String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String cookie = httpLogin("ada");
        String page = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions")).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        var m = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).isTrue();
        HttpResponse<Void> end = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/end")).header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + m.group(1) + "&user=" + user)).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(end.statusCode()).isIn(302, 303);
    }

    /** Logs in from another client; its session cookie. */
    private String httpLogin(String user) throws Exception {
        HttpResponse<Void> login = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build()
                .send(HttpRequest.newBuilder(URI.create(base + "/login")).header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("name=" + user + "&password=" + PASSWORD)).build(),
                        HttpResponse.BodyHandlers.discarding());
        return login.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("mailclerk_session="))
                .findFirst().orElseThrow(() -> new AssertionError(user + " could not log in")).split(";")[0];
    }

    private static String load() {
        try (var in = ConsoleAccessibilityTest.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("axe-core is a test resource: src/test/resources/axe/axe.min.js", e);
        }
    }
}
