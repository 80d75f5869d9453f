package mailclerk.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import mailclerk.mail.QueuedMessage;
import mailclerk.mail.Sender;
import org.junit.jupiter.api.Test;

/** /health's verdicts, the queue's filters and sorting, the chart's layout: the parts the console tests rely on. */
class DashboardPartsTest {
    static final Instant NOW = Instant.parse("2026-03-02T14:00:00Z");
    static final Duration MAX = Duration.ofMinutes(10);

    static java.util.Map<String, Properties> one(Properties p) {
        return java.util.Map.of("status.properties", p);
    }

    @Test
    void healthIsStartingThenOkThenFailing() {
        Health.Report starting = Health.of(java.util.Map.of(), NOW.minusSeconds(60), NOW, MAX, "v1");
        assertThat(starting.httpStatus()).isEqualTo(200);
        assertThat(starting.json()).contains("\"status\":\"starting\"").contains("\"mailboxes\":{}").contains("\"modelVersion\":\"v1\"");
        assertThat(Health.of(java.util.Map.of(), NOW.minus(Duration.ofMinutes(11)), NOW, MAX, "v1").httpStatus())
                .as("no poll ever succeeded in 11 minutes").isEqualTo(503);

        Properties polled = new Properties();
        polled.setProperty("mailbox", "helpdesk@imap:993/inbox");
        polled.setProperty("last-successful-poll", NOW.minusSeconds(42).toString());
        Health.Report ok = Health.of(one(polled), NOW.minus(Duration.ofHours(1)), NOW, MAX, "v1");
        assertThat(ok.httpStatus()).isEqualTo(200);
        assertThat(ok.json()).contains("\"status\":\"ok\"")
                .contains("\"default\":{\"secondsSinceLastSuccessfulPoll\":42}").doesNotContain("imap");

        polled.setProperty("last-successful-poll", NOW.minus(Duration.ofMinutes(11)).toString());
        polled.setProperty("last-error", NOW + " MailConnectException: connection refused");
        Health.Report failing = Health.of(one(polled), NOW.minus(Duration.ofHours(1)), NOW, MAX, null);
        assertThat(failing.httpStatus()).isEqualTo(503);
        assertThat(failing.json()).contains("\"status\":\"failing\"").contains("\"modelVersion\":null")
                .as("no error text, no mail data").doesNotContain("connection refused");
        assertThat(Health.of(one(polled), NOW.minusSeconds(30), NOW, MAX, null).json())
                .as("an old success from before a restart: starting").contains("\"status\":\"starting\"");

        Properties elsewhere = new Properties();
        elsewhere.setProperty("mailbox", "intake@imap:993/inbox");
        elsewhere.setProperty("lease", "held by another node");
        polled.setProperty("last-successful-poll", NOW.minusSeconds(5).toString());
        Health.Report two = Health.of(java.util.Map.of("status.properties", polled, "status-intake.properties", elsewhere),
                NOW.minus(Duration.ofHours(1)), NOW, MAX, "v1");
        assertThat(two.httpStatus()).as("a mailbox another node polls does not fail this one").isEqualTo(200);
        assertThat(two.json()).as("each mailbox by its id from mailboxes=, nothing about its account or server")
                .contains("\"intake\":{\"secondsSinceLastSuccessfulPoll\":null,\"polledBy\":\"another node\"}")
                .contains("\"default\":").doesNotContain("@").doesNotContain("993");
    }

    @Test
    void healthIsJson() throws Exception {
        Properties polled = new Properties();
        polled.setProperty("mailbox", "a\"b@imap:993/inbox");
        polled.setProperty("last-successful-poll", NOW.minusSeconds(5).toString());
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Health.of(one(polled), NOW, NOW, MAX, "v\"1").json());
        assertThat(tree.get("status").asText()).isEqualTo("ok");
        assertThat(tree.get("mailboxes").get("default").get("secondsSinceLastSuccessfulPoll").asLong()).isEqualTo(5);
        assertThat(tree.get("modelVersion").asText()).isEqualTo("v\"1");
    }

    @Test
    void csvFieldsAreQuotedAndNeverFormulas() {
        assertThat(Dashboard.csvField("topic:where-to-login")).isEqualTo("topic:where-to-login");
        assertThat(Dashboard.csvField("a,b \"c\"")).isEqualTo("\"a,b \"\"c\"\"\"");
        assertThat(Dashboard.csvField("=HYPERLINK(\"http://evil.example\")")).startsWith("\"'=");
        assertThat(Dashboard.csvField("+1")).isEqualTo("'+1");
        assertThat(Dashboard.csvField("-2")).isEqualTo("'-2");
        assertThat(Dashboard.csvField("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }

    @Test
    void metricsTokenComparison() {
        assertThat(ConsoleServer.sameSecret("s3cret", "s3cret")).isTrue();
        assertThat(ConsoleServer.sameSecret("s3cre", "s3cret")).isFalse();
        assertThat(ConsoleServer.sameSecret("", "s3cret")).isFalse();
    }

    static QueueSelection.Entry entry(long uid, int minutesAgo, String address, String subject) {
        return new QueueSelection.Entry(new QueuedMessage(uid, NOW.minus(Duration.ofMinutes(minutesAgo)),
                new Sender(address, ""), subject, "<" + uid + "@x>", 100), null, "");
    }

    @Test
    void queueIsOldestFirstSearchedWithoutCaseAndPaged() {
        List<QueueSelection.Entry> all = new ArrayList<>();
        for (int i = 1; i <= 120; i++) all.add(entry(i, i, "filer" + i + "@firm.example", "Question " + i));
        List<QueueSelection.Entry> oldest = QueueSelection.select(all, QueueQuery.all());
        assertThat(oldest.get(0).message().uid()).isEqualTo(120);
        List<QueueSelection.Entry> newest = QueueSelection.select(all, QueueQuery.of("newest", "", "", "", "", "1"));
        assertThat(newest.get(0).message().uid()).isEqualTo(1);
        assertThat(QueueSelection.select(all, QueueQuery.of("", "", "", "", "QUESTION 11", "1")))
                .extracting(e -> e.message().uid()).containsExactlyInAnyOrder(11L, 110L, 111L, 112L, 113L, 114L, 115L,
                        116L, 117L, 118L, 119L);
        assertThat(QueueSelection.select(all, QueueQuery.of("", "", QueueSelection.BY_HAND, "", "filer7@", "1"))).hasSize(1);
        assertThat(QueueSelection.page(oldest, 3)).hasSize(20);
        assertThat(QueueSelection.page(oldest, 9)).isEmpty();
        assertThat(QueueQuery.of("subject", "t", "", "", "a b&c", "2").link(3)).isEqualTo("/queue?sort=subject&topic=t&q=a+b%26c&page=3");
    }

    @Test
    void queueFiltersByTopicReasonAndMailbox() {
        List<QueueSelection.Entry> all = new ArrayList<>();
        String[][] rows = {{"a", "linking-error", "not sure enough"}, {"b", "linking-error", "no approved template"},
            {"a", null, "not sure enough"}};
        for (int i = 0; i < rows.length; i++) {
            mailclerk.queue.HandledMessage h = new mailclerk.queue.HandledMessage(i, rows[i][0], 1, i, "<" + i + "@x>",
                    "f@x", "s", mailclerk.queue.Stage.FILED, "flag", rows[i][1], 0.5, rows[i][2], "v", null, null,
                    "Needs-Clerk", 0, 0, false, i);
            all.add(new QueueSelection.Entry(entry(i, i, "f@x", "s").message(), h, rows[i][0])); // the mailbox that listed it
        }
        all.add(entry(9, 1, "g@x", "by hand"));
        assertThat(QueueSelection.select(all, QueueQuery.of("", "linking-error", "", "", "", "1"))).hasSize(2);
        assertThat(QueueSelection.select(all, QueueQuery.of("", "", "not sure enough", "a", "", "1"))).hasSize(2);
        assertThat(QueueSelection.select(all, QueueQuery.of("", "linking-error", "", "b", "", "1"))).hasSize(1);
        assertThat(QueueSelection.select(all, QueueQuery.of("", "", QueueSelection.BY_HAND, "", "", "1"))).hasSize(1);
        assertThat(QueueSelection.select(all, QueueQuery.of("", "", "no approved template", "", "", "1"))).hasSize(1);
        assertThat(QueueSelection.values(all, QueueSelection.Entry::reasonKind))
                .containsExactly("moved here by hand", "no approved template", "not sure enough");
        assertThat(QueueSelection.kind("outside the FAQ (confidence 0.92)")).isEqualTo("outside the FAQ");
        assertThat(QueueSelection.kind("rate limit: 3 automatic replies to this sender today")).isEqualTo("rate limit");
        assertThat(QueueSelection.kind("pilot (shadow mode): would answer where-to-login")).isEqualTo("pilot (shadow mode)");
        assertThat(QueueSelection.kind("the help desk is not in To or Cc")).isEqualTo("the help desk is not in To or Cc");
        assertThat(QueueSelection.values(all, QueueSelection.Entry::mailbox)).containsExactly("a", "b");
        assertThat(QueueSelection.select(all, QueueQuery.of("topic", "", "", "", "", "1")).get(3).topic())
                .as("messages without a suggestion last").isEmpty();
    }

    @Test
    void badQueueQueriesAreRefused() {
        for (String page : List.of("0", "-1", "x", "99999999999")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueueQuery.of("", "", "", "", "", page))
                    .isInstanceOf(IllegalArgumentException.class);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QueueQuery.of("evil", "", "", "", "", "1"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void chartHasABarPerDayAndBreaksTheLineOnDaysWithoutMail() {
        List<Dashboard.Day> days = new ArrayList<>();
        LocalDate d0 = LocalDate.of(2026, 3, 1);
        for (int i = 0; i < 30; i++) days.add(new Dashboard.Day(d0.plusDays(i), i == 10 ? 0 : 10, i == 10 ? 0 : 7, i == 10 ? 0 : 3, 2));
        Chart c = Chart.of(days);
        assertThat(c.bars()).hasSize(30);
        assertThat(c.points()).hasSize(29);
        assertThat(c.lines()).hasSize(2);
        assertThat(c.points().get(0).title()).isEqualTo("2026-03-01: 70 % answered automatically (7 of 10)");
        assertThat(c.bars().get(0).h()).isGreaterThan(0);
    }
}
