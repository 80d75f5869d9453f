package mailclerk.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases with fencing tokens on PostgreSQL: a process that lost its mailbox can neither write nor send. */
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
            assertThat(a.acquire("box")).as("still a's, same token").contains(fa);

            HandledMessage m = j.messages().received(fa, "box", 1, 1, "<m@x>", "pat@firm.example", "s");
            j.messages().decided(fa, m.id(), "reply", "where-to-login", 0.97, "confident", "v1", "pat@firm.example", "<r@court>", false);

            // a freezes; its lease runs out and b takes the mailbox over
            expire(db, "box");
            Fence fb = b.acquire("box").orElseThrow();
            assertThat(fb.token()).isGreaterThan(fa.token());
            assertThat(a.renew(fa)).isFalse();

            // a resumes: it may not claim the send, nor change anything
            assertThatThrownBy(() -> j.replies().claimSending(fa, m.id())).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> j.messages().stage(fa, m.id(), Stage.FILED)).isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> j.messages().received(fa, "box", 1, 2, "<n@x>", "p", "s")).isInstanceOf(LeaseLostException.class);
            // b can, once; a second claim of the same message is refused
            assertThat(j.replies().claimSending(fb, m.id())).isEqualTo(Replies.Claim.CLAIMED);
            assertThat(j.replies().claimSending(fb, m.id())).isEqualTo(Replies.Claim.NOT_WAITING);
            assertThat(j.messages().find("box", 1, 1).orElseThrow().stage()).isEqualTo(Stage.SENDING);
            assertThat(b.held()).containsExactly("box");

            b.release(fb);
            Optional<Fence> again = a.acquire("box");
            assertThat(again).as("released: free at once").isPresent();
            assertThat(again.get().token()).isGreaterThan(fb.token());
        }
    }

    @Test
    void aRestartedProcessWithTheSameNodeIdIsANewHolderAndTheOldOneCannotWrite() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database db = Database.open(DatabaseTest.settings(Map.of("db.url", url)), dir); Journal j = Journal.open(db)) {
            Leases before = new Leases(db, "court-node-1", "process-1", Duration.ofSeconds(30));
            Fence old = before.acquire("box").orElseThrow();
            HandledMessage m = j.messages().received(old, "box", 1, 1, "<m@x>", "pat@firm.example", "s");

            // the replacement starts while the old process may still be alive (frozen, or a VM thought dead)
            Leases after = new Leases(db, "court-node-1", "process-2", Duration.ofSeconds(30));
            assertThat(after.acquire("box")).as("the same node id is not the same holder").isEmpty();
            assertThat(after.renew(old)).as("nor can it renew the old process's lease").isFalse();
            expire(db, "box");
            Fence now = after.acquire("box").orElseThrow();
            assertThat(now.token()).as("a new token once the old lease ran out").isGreaterThan(old.token());
            assertThat(holder(db, "box")).startsWith("court-node-1#").isNotEqualTo(before.holder());

            assertThat(before.renew(old)).isFalse();
            assertThatThrownBy(() -> j.messages().decided(old, m.id(), "reply", "t", 0.9, "r", "v", "p@x", "<r@c>", false))
                    .isInstanceOf(LeaseLostException.class);
            assertThatThrownBy(() -> j.messages().received(old, "box", 1, 2, "<n@x>", "p", "s")).isInstanceOf(LeaseLostException.class);
            j.messages().decided(now, m.id(), "flag", null, 0.1, "r", "v", null, null, false);
        }
    }

    @Test
    void lookingAtALeaseNeverRenewsIt() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database db = Database.open(DatabaseTest.settings(Map.of("db.url", url)), dir)) {
            Leases a = new Leases(db, "node-a", Duration.ofSeconds(30));
            Leases b = new Leases(db, "node-b", Duration.ofSeconds(30));
            Fence f = a.acquire("box").orElseThrow();
            setExpiry(db, "box", 5_000); // 5 s left
            long left = expiresAt(db, "box");
            assertThat(a.current("box")).contains(f);
            assertThat(a.available("box")).isTrue();
            assertThat(b.available("box")).isFalse();
            assertThat(a.acquire("box")).as("a poll starting under a valid lease").contains(f);
            assertThat(expiresAt(db, "box")).as("none of these extended it").isEqualTo(left);

            assertThat(a.renew(f)).isTrue();
            assertThat(expiresAt(db, "box")).as("only progress does").isGreaterThan(left + 20_000);

            expire(db, "box");
            assertThat(a.current("box")).as("run out").isEmpty();
            assertThat(b.available("box")).isTrue();
        }
    }

    @Test
    void onTheEmbeddedDatabaseANewProcessTakesTheLeaseAtOnce() {
        try (Journal j = Journal.open(dir)) {
            Leases dead = new Leases(j.database(), "node", "crashed-process", Duration.ofSeconds(30));
            Fence old = dead.acquire("box").orElseThrow();
            Leases restarted = new Leases(j.database(), "node", "new-process", Duration.ofSeconds(30));
            Fence now = restarted.acquire("box").orElseThrow();
            assertThat(now.token()).isGreaterThan(old.token());
            assertThat(dead.renew(old)).isFalse();
        }
    }

    static void expire(Database db, String mailbox) throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE mailbox_lease SET expires_at = 0 WHERE mailbox = '" + mailbox + "'");
        }
    }

    static void setExpiry(Database db, String mailbox, long fromNowMillis) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement p = c.prepareStatement("UPDATE mailbox_lease SET expires_at = " + Leases.DB_NOW + " + ? WHERE mailbox = ?")) {
            p.setLong(1, fromNowMillis);
            p.setString(2, mailbox);
            p.executeUpdate();
        }
    }

    static long expiresAt(Database db, String mailbox) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement p = c.prepareStatement("SELECT expires_at FROM mailbox_lease WHERE mailbox = ?")) {
            p.setString(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static String holder(Database db, String mailbox) throws Exception {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement p = c.prepareStatement("SELECT holder FROM mailbox_lease WHERE mailbox = ?")) {
            p.setString(1, mailbox);
            try (ResultSet r = p.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        }
    }
}
