package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.queue.Leases;
import mailclerk.queue.StatusFile;
import mailclerk.queue.TestPostgres;
import mailclerk.respond.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease follows work, on PostgreSQL: between polls a node renews its lease only while its polls succeed; once a
 * poll fails it stops renewing, and after three failures in a row it gives the lease up at once and says so in its
 * status, so that a healthy node takes the mailbox over.
 */
class LeaseKeepingTest {
    @TempDir
    Path dir;

    @Test
    void aNodeWhosePollsFailStopsRenewingAndGivesTheLeaseUp() throws Exception {
        String db = TestPostgres.newDatabase();
        try (TestMailServer server = new TestMailServer()) {
            FaultyProxy proxy = new FaultyProxy(server.greenMail.getImap().getPort());
            Settings s = server.settings(dir.resolve("data")).with(Map.of("db.url", db, "node.id", "node-a",
                    "imap.port", Integer.toString(proxy.port()), "imap.account-name", "helpdesk@court-imap",
                    "models.dir", TestModels.copyActive(dir).toString(), "mail.timeout-seconds", "5"));
            try (Journal journal = Wiring.journal(s)) {
                Responder a = Wiring.responder(s, journal);
                Leases other = new Leases(journal.database(), "node-b", Duration.ofSeconds(20));
                String box = a.mailboxKey();

                a.pollOnce();
                assertThat(a.holdsLease()).isTrue();
                long first = expiresAt(db, box);
                Thread.sleep(50);
                assertThat(a.tendLease()).as("held: nothing to take").isFalse();
                assertThat(expiresAt(db, box)).as("renewed while polls succeed").isGreaterThan(first);

                proxy.close(); // the IMAP server is out of reach for node a
                assertThatThrownBy(a::pollOnce).isInstanceOf(jakarta.mail.MessagingException.class);
                long afterFailure = expiresAt(db, box);
                Thread.sleep(50);
                a.tendLease();
                assertThat(expiresAt(db, box)).as("not renewed after a failed poll").isEqualTo(afterFailure);
                assertThat(other.acquire(box)).as("not yet run out").isEmpty();

                assertThatThrownBy(a::pollOnce).isInstanceOf(jakarta.mail.MessagingException.class);
                assertThatThrownBy(a::pollOnce).isInstanceOf(jakarta.mail.MessagingException.class);
                a.tendLease(); // three failures in a row: given up
                assertThat(a.holdsLease()).isFalse();
                assertThat(other.acquire(box)).as("free at once for a healthy node").isPresent();
                assertThat(new StatusFile(dir.resolve("data")).read().getProperty("lease-note"))
                        .contains("lease given up after 3 failed polls in a row");
            }
        }
    }

    @Test
    void aNodeThatCannotSendStopsRenewingSoAnotherNodeMay() throws Exception {
        String db = TestPostgres.newDatabase();
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (TestMailServer server = new TestMailServer()) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("db.url", db, "node.id", "node-a",
                    "smtp.port", Integer.toString(closedPort), "models.dir", TestModels.copyActive(dir).toString()));
            try (Journal journal = Wiring.journal(s)) {
                Responder a = Wiring.responder(s, journal);
                server.deliver(PilotModeTest.question(1, PilotModeTest.FORGOT));
                assertThat(a.pollOnce().outcomes()).singleElement().satisfies(o -> assertThat(o.done()).as("the reply waits").isFalse());
                long afterPoll = expiresAt(db, a.mailboxKey());
                Thread.sleep(50);
                a.tendLease();
                assertThat(expiresAt(db, a.mailboxKey())).as("a poll whose replies could not go out is a failed poll").isEqualTo(afterPoll);
                assertThat(new StatusFile(dir.resolve("data")).read().getProperty("last-error")).contains("SMTP");
                assertThat(server.folderCount("INBOX")).as("the message waits in the inbox").isEqualTo(1);
            }
        }
    }

    static long expiresAt(String db, String mailbox) throws Exception {
        try (Connection c = DriverManager.getConnection(db);
             PreparedStatement p = c.prepareStatement("SELECT expires_at FROM mailbox_lease WHERE mailbox = ?")) {
            p.setString(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }
}
