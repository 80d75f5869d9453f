package mailclerk.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import mailclerk.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One migration set for H2 and PostgreSQL, and an H2 journal from before migrations kept, not lost. */
class DatabaseTest {
    @TempDir
    Path dir;

    static Settings settings(Map<String, String> values) {
        return new Settings(new Properties(), Map.of(), Path.of("")).with(values);
    }

    @Test
    void theSameMigrationsRunOnPostgreSqlAndTheJournalWorksThere() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database db = Database.open(settings(Map.of("db.url", url)), dir); Journal j = Journal.open(db)) {
            assertThat(db.shared()).isTrue();
            exercise(j);
        }
        // a second start finds everything in place
        try (Database db = Database.open(settings(Map.of("db.url", url)), dir); Journal j = Journal.open(db)) {
            assertThat(j.messages().all()).as("exercise() and exerciseConsole() each record one").hasSize(2);
            assertThat(j.messages().mark("m")).contains(new MailboxMark(7, 3));
        }
    }

    @Test
    void theSameMigrationsRunOnTheEmbeddedH2() {
        try (Journal j = Journal.open(dir)) {
            assertThat(j.database().shared()).isFalse();
            exercise(j);
        }
    }

    @Test
    void anH2JournalFromBeforeMigrationsIsKept() throws Exception {
        String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("mailclerk") + ";WRITE_DELAY=0";
        try (Connection c = DriverManager.getConnection(url, "mailclerk", ""); Statement s = c.createStatement()) {
            // the schema of mailclerk 0.1, before Flyway
            s.execute("CREATE TABLE mailbox_mark (mailbox VARCHAR(200) PRIMARY KEY, uid_validity BIGINT NOT NULL, "
                    + "last_uid BIGINT NOT NULL, updated_at BIGINT NOT NULL)");
            s.execute("CREATE TABLE handled_message (id BIGINT AUTO_INCREMENT PRIMARY KEY, mailbox VARCHAR(200) NOT NULL, "
                    + "uid_validity BIGINT NOT NULL, uid BIGINT NOT NULL, message_id VARCHAR(1000), sender VARCHAR(1000), "
                    + "subject VARCHAR(1000), stage VARCHAR(16) NOT NULL, action VARCHAR(16), topic VARCHAR(100), "
                    + "confidence DOUBLE, reason VARCHAR(1000), model_version VARCHAR(64), reply_to VARCHAR(1000), "
                    + "reply_message_id VARCHAR(1000), folder VARCHAR(200), received_at BIGINT NOT NULL, "
                    + "updated_at BIGINT NOT NULL, CONSTRAINT handled_key UNIQUE (mailbox, uid_validity, uid))");
            s.execute("INSERT INTO handled_message (mailbox, uid_validity, uid, message_id, sender, subject, stage, action, "
                    + "topic, confidence, reason, reply_to, reply_message_id, received_at, updated_at) VALUES ('m', 7, 1, "
                    + "'<old@x>', 'pat@firm.example', 's', 'FILED', 'reply', 'where-to-login', 0.99, 'confident', "
                    + "'pat@firm.example', '<r@court>', 1, 1)");
            s.execute("INSERT INTO mailbox_mark VALUES ('m', 7, 1, 1)");
        }
        try (Journal j = Journal.open(dir)) {
            assertThat(j.messages().all()).singleElement().satisfies(h -> {
                assertThat(h.messageId()).isEqualTo("<old@x>");
                assertThat(h.pilotDraft()).isFalse();
            });
            assertThat(j.replies().alreadyAnswered("<old@x>")).as("an old answer still prevents a second one").isTrue();
            assertThat(j.messages().mark("m")).contains(new MailboxMark(7, 1));
            HandledMessage fresh = j.messages().received("m", 7, 2, "<new@x>", "a@b", "s");
            assertThat(fresh.id()).isGreaterThan(j.messages().all().get(0).id());
        }
    }

    @Test
    void clerkActionsFromBeforeMailboxesKeepGuardingTheirMessages() throws Exception {
        for (boolean several : new boolean[] {false, true}) {
            Path d = dir.resolve(several ? "several" : "one");
            java.nio.file.Files.createDirectories(d);
            String url = "jdbc:h2:file:" + d.toAbsolutePath().resolve("mailclerk") + ";WRITE_DELAY=0;MODE=PostgreSQL";
            org.flywaydb.core.Flyway.configure().dataSource(url, "mailclerk", "").locations("classpath:db/migration/common")
                    .target("4").load().migrate();
            try (Connection c = DriverManager.getConnection(url, "mailclerk", ""); Statement s = c.createStatement()) {
                s.execute("INSERT INTO handled_message (mailbox, uid_validity, uid, stage, received_at, updated_at) "
                        + "VALUES ('a', 7, 1, 'FILED', 1, 1)");
                if (several) {
                    s.execute("INSERT INTO handled_message (mailbox, uid_validity, uid, stage, received_at, updated_at) "
                            + "VALUES ('b', 7, 1, 'FILED', 1, 1)");
                }
                // a send claimed before the upgrade and never marked done: it may have gone out
                s.execute("INSERT INTO clerk_action (queue_key, clerk, action, at) VALUES ('21:9', 'ann', 'send', 1)");
            }
            try (Journal j = Journal.open(d)) {
                assertThat(j.clerkQueue().claimClerkAction("a", "21:9", "bert", "send", null, null, null, null, 0.5, "v", null, null))
                        .as("still guarded after the upgrade").isEqualTo(-1);
                long other = j.clerkQueue().claimClerkAction("b", "21:9", "bert", "send", null, null, null, null, 0.5, "v", null, null);
                if (several) assertThat(other).as("whose it was is unknown: every mailbox's 21:9 stays guarded").isEqualTo(-1);
                else assertThat(other).as("the lone mailbox's action is not another mailbox's").isPositive();
            }
        }
    }

    /** Every kind of write and read the journal does. */
    static void exercise(Journal j) {
        HandledMessage h = j.messages().received("m", 7, 1, "<a@x>", "pat@firm.example", "subject");
        j.messages().decided(h.id(), "reply", "where-to-login", 0.97, "confident", "v1", "Pat@Firm.example", "<r1@court>", false);
        j.messages().stage(h.id(), Stage.SENDING);
        j.messages().stage(h.id(), Stage.SENT);
        j.messages().filed(h.id(), "Answered", 11, 5);
        j.messages().saveMark("m", new MailboxMark(7, 1));
        j.messages().saveMark("m", new MailboxMark(7, 3));
        assertThat(j.messages().mark("m")).contains(new MailboxMark(7, 3));
        assertThat(j.replies().isOurReply("<r1@court>")).isTrue();
        assertThat(j.replies().alreadyAnswered("<a@x>")).isTrue();
        assertThat(j.replies().repliesTo("m", "pat@firm.example", java.time.Instant.EPOCH)).isEqualTo(1);
        // rate limits count one mailbox's replies; an answered Message-ID and our replies count in every mailbox
        ReplyHistory own = j.replies().history("m");
        ReplyHistory other = j.replies().history("other");
        assertThat(own.repliedOnTopic("PAT@firm.example", "where-to-login", java.time.Instant.EPOCH)).isTrue();
        assertThat(other.repliedOnTopic("pat@firm.example", "where-to-login", java.time.Instant.EPOCH)).isFalse();
        assertThat(other.repliesTo("pat@firm.example", java.time.Instant.EPOCH)).isZero();
        assertThat(other.answeredBy("<a@x>")).as("answered in another mailbox").isPresent();
        assertThat(other.isOurReply("<r1@court>")).isTrue();
        assertThat(j.messages().filedAt("m", "Answered", 11, 5, null, null, null)).isPresent();
        long a = j.clerkQueue().claimClerkAction("m", "q:1", "clara", "send", "<a@x>", "pat@firm.example", "subject", "where-to-login", 0.9,
                "v1", "pat@firm.example", "<r2@court>");
        assertThat(a).isPositive();
        assertThat(j.clerkQueue().claimClerkAction("m", "q:1", "bert", "send", "<a@x>", "p", "s", "t", 0.9, "v1", "r", "<r3@court>"))
                .as("the unique key is the guard on PostgreSQL too (SQLState 23505)").isEqualTo(-1);
        j.clerkQueue().clerkActionDone(a);
        assertThat(j.reports().audit(null, null, null, null, 10)).hasSize(2);
        j.oauthTokens().saveRefreshToken("k", "one");
        j.oauthTokens().saveRefreshToken("k", "two");
        assertThat(j.oauthTokens().refreshToken("k")).contains("two");
        assertThat(j.pilot().pilotVerdict(h.id(), "where-to-login", true, null, "clara")).isTrue();
        assertThat(j.pilot().pilotVerdict(h.id(), "where-to-login", false, null, "bert")).isFalse();
        exerciseConsole(j, h);
    }

    /** The console's reads and writes (queue in bulk, claims, sender history, follow-ups, dashboard) on both databases. */
    static void exerciseConsole(Journal j, HandledMessage first) {
        java.time.Instant now = java.time.Instant.now();
        HandledMessage flagged = j.messages().received("m", 7, 2, "<b@x>", "PAT@firm.example", "second");
        j.messages().decided(flagged.id(), "flag", "linking-error", 0.4, "not sure enough", "v1", null, null, false);
        j.messages().filed(flagged.id(), "Needs-Clerk", 21, 9);
        assertThat(j.messages().filedAtAll("m", "Needs-Clerk", 21, java.util.List.of(new Messages.FiledKey(9, "<b@x>", "PAT@firm.example", "second"),
                new Messages.FiledKey(10, "<none@x>", "x", "y")))).containsOnlyKeys(9L);
        assertThat(j.pilot().withPilotVerdict(java.util.List.of(first.id(), flagged.id()))).containsExactly(first.id());
        java.time.Duration lapse = java.time.Duration.ofMinutes(30);
        assertThat(j.clerkQueue().claim("m", "21:9", "ann", now, lapse).clerk()).isEqualTo("ann");
        assertThat(j.clerkQueue().claim("m", "21:9", "bert", now, lapse).clerk()).isEqualTo("ann");
        assertThat(j.clerkQueue().claim("m", "21:9", "bert", now.plus(java.time.Duration.ofMinutes(31)), lapse).clerk()).isEqualTo("bert");
        assertThat(j.clerkQueue().releaseClaim("m", "21:9", "ann", false)).isFalse();
        assertThat(j.clerkQueue().releaseClaim("m", "21:9", "ada", true)).isTrue();
        assertThat(j.clerkQueue().claims("m", java.util.List.of("21:9"), now, lapse)).isEmpty();
        assertThat(j.messages().filedAtAll("other", "Needs-Clerk", 21, java.util.List.of(new Messages.FiledKey(9, "<b@x>", "PAT@firm.example",
                "second")))).as("another mailbox's folder with the same UIDVALIDITY and UID").isEmpty();
        assertThat(j.clerkQueue().claim("other", "21:9", "bert", now, lapse).clerk()).as("claims are per mailbox").isEqualTo("bert");
        assertThat(j.clerkQueue().claims("m", java.util.List.of("21:9"), now, lapse)).isEmpty();
        long done = j.clerkQueue().claimClerkAction("m", "21:9", "ann", "answered-by-hand", "<b@x>", "pat@firm.example", "second", "linking-error",
                0.4, "v1", null, "<r9@court>");
        j.clerkQueue().clerkActionDone(done);
        // the same UIDVALIDITY:UID in another mailbox's folder is another message: its action is not this record's
        j.clerkQueue().clerkActionDone(j.clerkQueue().claimClerkAction("other", "21:9", "bert", "not-a-question", "<c@x>", "lee@firm.example", "third",
                null, 0.1, "v1", null, null));
        assertThat(j.reports().senderHistory("pat@FIRM.example", -1, 10)).extracting(SenderHistoryEntry::subject)
                .containsExactlyInAnyOrder("subject", "second");
        assertThat(j.reports().senderHistory("pat@firm.example", first.id(), 10)).singleElement()
                .satisfies(e -> assertThat(e.clerkAction()).isEqualTo("answered-by-hand"));
        assertThat(j.replies().replyAmong(java.util.List.of("<r9@court>", "<unknown@x>"))).get().extracting(EarlierReply::by).isEqualTo("ann");
        assertThat(j.replies().replyAmong(java.util.List.of("<r1@court>"))).get().extracting(EarlierReply::by).isEqualTo("mailclerk");
        assertThat(j.reports().activity(java.time.Instant.EPOCH)).hasSize(2).anySatisfy(a -> assertThat(a.clerkAt()).isPositive());
        assertThat(j.reports().clerkAnswerTimes(java.time.Instant.EPOCH)).as("clara's send and ann's answer by hand").hasSize(2);
    }
}
