package mailclerk.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases with fencing tokens on PostgreSQL: a node that lost its mailbox can neither write nor send. */
class LeasesTest {
    @TempDir
    Path dir;

    @Test
    void aNodeThatLostItsLeaseCannotClaimTheSendOrWrite() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database db = Database.open(DatabaseTest.settings(Map.of("db.url", url)), dir); Journal j = Journal.open(db)) {
            Leases a = new Leases(db, "node-a", Duration.ofSeconds(30));
            Leases b = new Leases(db, "node-b", Duration.ofSeconds(30));
            Fence fa = a.acquire("box").orElseThrow();
            assertThat(b.acquire("box")).as("held by a").isEmpty();
            assertThat(a.acquire("box")).as("renewed, same token").contains(fa);

            HandledMessage m = j.received(fa, "box", 1, 1, "<m@x>", "pat@firm.example", "s");
            j.decided(fa, m.id(), "reply", "where-to-login", 0.97, "confident", "v1", "pat@firm.example", "<r@court>", false);

            // a freezes; its lease runs out and b takes the mailbox over
            expire(db, "box");
            Fence fb = b.acquire("box").orElseThrow();
            assertThat(fb.token()).isGreaterThan(fa.token());
            assertThat(a.renew(fa)).isFalse();

            // a resumes: it may not claim the send, nor change anything
            assertThatThrownBy(() -> j.claimSending(fa, m.id())).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> j.stage(fa, m.id(), Stage.FILED)).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> j.received(fa, "box", 1, 2, "<n@x>", "p", "s")).isInstanceOf(LeaseLostException.class);
            // b can, once; a second claim of the same message is refused
            assertThat(j.claimSending(fb, m.id())).isTrue();
            assertThat(j.claimSending(fb, m.id())).isFalse();
            assertThat(j.find("box", 1, 1).orElseThrow().stage()).isEqualTo(Stage.SENDING);
            assertThat(b.held()).containsExactly("box");

            b.release(fb);
            Optional<Fence> again = a.acquire("box");
            assertThat(again).as("released: free at once").isPresent();
            assertThat(again.get().token()).isGreaterThan(fb.token());
        }
    }

    @Test
    void onTheEmbeddedDatabaseANewProcessTakesTheLeaseAtOnce() {
        try (Journal j = Journal.open(dir)) {
            Leases dead = new Leases(j.database(), "crashed-process", Duration.ofSeconds(30));
            Fence old = dead.acquire("box").orElseThrow();
            Leases restarted = new Leases(j.database(), "new-process", Duration.ofSeconds(30));
            Fence now = restarted.acquire("box").orElseThrow();
            assertThat(now.token()).isGreaterThan(old.token());
        }
    }

    static void expire(Database db, String mailbox) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE mailbox_lease SET expires_at = 0 WHERE mailbox = '" + mailbox + "'");
        }
    }
}
