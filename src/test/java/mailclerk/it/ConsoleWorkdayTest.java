package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.Accounts;
import mailclerk.web.ClerkDesk;
import mailclerk.web.ConsoleServer;
import mailclerk.web.QueueRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A clerk's working day in headless Chromium (same set-up as {@link ConsoleTest}): the dashboard with its chart, the
 * queue sorted, filtered and searched, a claim one clerk makes and another sees, the sender's history and the reply
 * a follow-up answers.
 */
class ConsoleWorkdayTest {
    static final String PASSWORD = "clerk-test-password";

    @TempDir
    Path dir;
    TestMailServer server;
    Journal journal;
    ConsoleServer console;
    Settings settings;
    String base;

    static byte[] mail(String from, String to, String subject, String id, String date, String body, String inReplyTo) {
        return ("From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\nMessage-ID: <" + id + ">\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\nReferences: " + inReplyTo + "\r\n")
                + "Date: " + date + "\r\n\r\n" + body + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static final String DESK = "helpdesk@iasb.uscourts.gov";
    static final String QUERY = "My PACER account is linked to my CM/ECF account, but when I click on Query I get an error "
            + "about my PACER account. What should I do?";

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        String users = "ann:clerk:" + Accounts.hash(PASSWORD.toCharArray()) + ",bert:clerk:" + Accounts.hash(PASSWORD.toCharArray())
                + ",ada:admin:" + Accounts.hash(PASSWORD.toCharArray());
        settings = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString(),
                "console.users", users));
        journal = Journal.open(dir.resolve("data"));
        console = Wiring.console(settings, journal);
        base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    private void login(WebDriver browser, String name) {
        browser.get(base + "/login");
        browser.findElement(By.name("name")).sendKeys(name);
        browser.findElement(By.name("password")).sendKeys(PASSWORD);
        browser.findElement(By.cssSelector("form.login button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    private static List<String> subjects(WebDriver browser) {
        return browser.findElements(By.cssSelector("table.queue tbody tr td:nth-child(3)")).stream().map(WebElement::getText).toList();
    }

    @Test
    void sortFilterSearchAndTheDashboardChart() throws Exception {
        server.deliver(mail("Dana <dana@firm.example>", DESK, "Query error A", "a@firm.example", "Tue, 14 Oct 2025 09:00:00 -0500", QUERY, null));
        server.deliver(mail("Pat <pat@other.example>", "someone@firm.example", "Closed case B", "b@firm.example",
                "Tue, 14 Oct 2025 10:00:00 -0500", PilotModeTest.CASE, null));
        server.deliver(mail("Lee <lee@third.example>", DESK, "Query error C", "c@firm.example", "Tue, 14 Oct 2025 11:00:00 -0500", QUERY, null));
        server.deliver(PilotModeTest.question(9, PilotModeTest.WHERE)); // answered automatically: on the dashboard only
        Wiring.responder(settings, journal).pollOnce();
        WebDriver browser = ConsoleTest.chromium();
        try {
            login(browser, "ann");
            assertThat(browser.getCurrentUrl()).as("the dashboard is the home page").isEqualTo(base + "/");
            WebElement chart = browser.findElement(By.cssSelector("svg#chart"));
            assertThat(chart.findElements(By.cssSelector("rect.load"))).hasSize(30);
            assertThat(chart.findElement(By.cssSelector("polyline.rate")).getAttribute("points")).matches("[0-9.]+,[0-9.]+");
            assertThat(chart.findElements(By.cssSelector("circle.rate-point title")).get(0).getAttribute("textContent"))
                    .contains("25 % answered automatically (1 of 4)");
            String figures = browser.findElement(By.cssSelector("table.figures")).getText();
            assertThat(figures).contains("Received 4 4 4").contains("Sent to clerks 3 3 3").contains("Answered automatically 1");
            // no script but the console's own idle warning, loaded from its file
            assertThat(browser.findElements(By.cssSelector("script:not([src='/static/session.js'])"))).isEmpty();
            assertThat(browser.findElements(By.tagName("script"))).hasSize(1);
            ConsoleTestScreens.save(browser, "dashboard.png");
            String csv = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/dashboard.csv"))
                    .header("Cookie", "mailclerk_session=" + browser.manage().getCookieNamed("mailclerk_session").getValue()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(csv).startsWith("scope,from,to,metric,value\r\n").contains("today,").contains(",received,4\r\n")
                    .contains(",sent_to_clerks,3\r\n").contains(",automatic_answer_rate,0.250\r\n");

            browser.get(base + "/queue");
            assertThat(subjects(browser)).as("oldest first by default").containsExactly("Query error A", "Closed case B", "Query error C");
            browser.findElements(By.cssSelector("p.sorting a.sort")).stream().filter(a -> a.getText().equals("newest"))
                    .findFirst().orElseThrow().click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("sort=newest"));
            assertThat(subjects(browser)).containsExactly("Query error C", "Closed case B", "Query error A");

            new Select(browser.findElement(By.name("topic"))).selectByValue("query-error-pacer-account");
            browser.findElement(By.id("apply-filters")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("topic=query-error-pacer-account"));
            assertThat(subjects(browser)).as("filtered by topic, still newest first").containsExactly("Query error C", "Query error A");
            assertThat(browser.findElement(By.cssSelector("p.matching")).getText()).startsWith("2 of 3");

            browser.get(base + "/queue");
            new Select(browser.findElement(By.name("reason"))).selectByValue("the help desk is not in To or Cc");
            browser.findElement(By.id("apply-filters")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("reason="));
            assertThat(subjects(browser)).as("filtered by reason").containsExactly("Closed case B");

            browser.get(base + "/queue");
            browser.findElement(By.name("q")).sendKeys("PAT@OTHER");
            browser.findElement(By.id("apply-filters")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("q=PAT"));
            assertThat(subjects(browser)).as("search by sender, any case").containsExactly("Closed case B");
            browser.findElement(By.name("q")).clear();
            browser.findElement(By.name("q")).sendKeys("error c");
            browser.findElement(By.id("apply-filters")).click();
            new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("q=error"));
            assertThat(subjects(browser)).as("search by subject").containsExactly("Query error C");
            ConsoleTestScreens.save(browser, "queue-search.png");
        } finally {
            browser.quit();
        }
    }

    @Test
    void aClaimIsSeenByASecondClerkAndLapsesOrIsReleased() throws Exception {
        server.deliver(mail("Dana <dana@firm.example>", DESK, "Query error A", "a@firm.example", "Tue, 14 Oct 2025 09:00:00 -0500", QUERY, null));
        Wiring.responder(settings, journal).pollOnce();
        WebDriver ann = ConsoleTest.chromium();
        WebDriver bert = ConsoleTest.chromium();
        try {
            login(ann, "ann");
            ann.get(base + "/queue");
            ann.findElement(By.cssSelector("table.queue tbody tr a")).click();
            ann.findElement(By.id("claim")).click();
            new WebDriverWait(ann, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("notice=claimed"));
            assertThat(ann.findElement(By.cssSelector("p.claimed-by")).getText()).startsWith("ann is on it");

            login(bert, "bert");
            bert.get(base + "/queue");
            assertThat(bert.findElement(By.cssSelector("table.queue tbody tr td.claim")).getText()).isEqualTo("ann is on it");
            bert.findElement(By.cssSelector("table.queue tbody tr a")).click();
            assertThat(bert.findElement(By.cssSelector("p.claimed-by")).getText()).startsWith("ann is on it");
            assertThat(bert.findElements(By.id("release-claim"))).as("only ann or an administrator releases it").isEmpty();
            ConsoleTestScreens.save(bert, "message-claimed.png");
            // the claim is advice: bert can still act, and the clerk_action key still lets only one action through
            bert.findElements(By.cssSelector(".other-actions button")).stream().filter(b -> b.getText().equals("Answered by hand"))
                    .findFirst().orElseThrow().click();
            new WebDriverWait(bert, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/queue"));
            assertThat(bert.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("Marked as answered by hand.");
            ann.findElements(By.cssSelector(".other-actions button")).stream().filter(b -> b.getText().equals("Not a question"))
                    .findFirst().orElseThrow().click();
            new WebDriverWait(ann, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("/queue"));
            // a failure is announced as an alert, styled apart and named in the title, never like "Reply sent."
            assertThat(ann.findElement(By.cssSelector("p.notice.failure[role=alert]")).getText()).isIn(
                    "Not done: That message is no longer in the queue.",
                    "Not done: That message was already handled (if a send was interrupted, check Sent before answering).");
            assertThat(ann.getTitle()).startsWith("Not done: ");
        } finally {
            ann.quit();
            bert.quit();
        }
    }

    @Test
    void claimsLapseAfterThirtyMinutesAndAnAdministratorReleasesThem() throws Exception {
        server.deliver(mail("Dana <dana@firm.example>", DESK, "Query error A", "a@firm.example", "Tue, 14 Oct 2025 09:00:00 -0500", QUERY, null));
        Wiring.responder(settings, journal).pollOnce();
        ClerkDesk desk = Wiring.clerkDesk(settings, journal);
        QueueRow row = desk.queue().get(0);
        assertThat(desk.claim("ann", row.uid()).orElseThrow().clerk()).isEqualTo("ann");
        assertThat(desk.claim("bert", row.uid()).orElseThrow().clerk()).as("ann holds it").isEqualTo("ann");
        assertThat(desk.queue().get(0).claim().clerk()).isEqualTo("ann");
        java.time.Instant later = java.time.Instant.now().plus(Duration.ofMinutes(31));
        mailclerk.queue.Claim held = desk.queue().get(0).claim();
        assertThat(journal.clerkQueue().claims(held.mailbox(), List.of(held.queueKey()), later, ClerkDesk.CLAIM_LAPSE)).as("lapsed after 30 minutes").isEmpty();
        assertThat(journal.clerkQueue().claim(held.mailbox(), held.queueKey(), "bert", later, ClerkDesk.CLAIM_LAPSE).clerk()).as("taken over once lapsed").isEqualTo("bert");
        assertThat(desk.releaseClaim("ann", row.uid(), false)).as("not ann's any more").isFalse();
        assertThat(desk.releaseClaim("ada", row.uid(), true)).as("an administrator releases anyone's").isTrue();
        assertThat(desk.queue().get(0).claim()).isNull();
    }

    @Test
    void senderHistoryAndTheReplyAFollowUpAnswers() throws Exception {
        server.deliver(mail("Dana <dana@firm.example>", DESK, "Query error A", "a@firm.example", "Tue, 14 Oct 2025 09:00:00 -0500", QUERY, null));
        server.deliver(mail("Dana <dana@firm.example>", "someone@firm.example", "Closed case B", "b@firm.example",
                "Tue, 14 Oct 2025 10:00:00 -0500", PilotModeTest.CASE, null));
        Wiring.responder(settings, journal).pollOnce();
        ClerkDesk desk = Wiring.clerkDesk(settings, journal);
        List<QueueRow> q = desk.queue();
        assertThat(desk.sendReply("ann", q.get(0).uid(), "linking-error", null)).isEqualTo(ClerkDesk.Outcome.DONE);
        assertThat(desk.answeredByHand("bert", q.get(1).uid(), null)).isEqualTo(ClerkDesk.Outcome.DONE);
        String ourReply = server.repliesReceived().get(0).getMessageID();
        server.deliver(mail("Dana <DANA@firm.example>", DESK, "Re: Query error A", "c@firm.example", "Wed, 15 Oct 2025 09:00:00 -0500",
                "It still does not work after your steps. " + QUERY, ourReply));
        Wiring.responder(settings, journal).pollOnce();
        WebDriver browser = ConsoleTest.chromium();
        try {
            login(browser, "bert");
            browser.get(base + "/queue");
            browser.findElement(By.cssSelector("table.queue tbody tr a")).click();
            String history = browser.findElement(By.cssSelector("table.history")).getText();
            assertThat(history).contains("Query error A").contains("ann answered (linking-error)")
                    .contains("Closed case B").contains("bert answered by hand");
            assertThat(browser.findElements(By.cssSelector("table.history tbody tr"))).hasSize(2);
            assertThat(browser.findElement(By.cssSelector("p.follow-up")).getText())
                    .contains("A follow-up to our reply").contains("answered by ann").contains("linking-error").contains("Query error A");
            ConsoleTestScreens.save(browser, "message-history.png");
        } finally {
            browser.quit();
        }
    }
}
