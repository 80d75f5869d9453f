package mailclerk.it;

import static mailclerk.it.ClusterTest.config;
import static mailclerk.it.ClusterTest.holder;
import static mailclerk.it.ClusterTest.question;
import static mailclerk.it.ClusterTest.repliesPerFiler;
import static mailclerk.it.ClusterTest.signal;
import static mailclerk.it.ClusterTest.start;
import static mailclerk.it.ClusterTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.ThreadLocalRandom;
import mailclerk.queue.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover between two nodes (separate JVMs running `run`, with the default lease of 20 s) on one GreenMail and one
 * PostgreSQL, when the working node does not die but stops: frozen with SIGSTOP in the middle of the transaction that
 * records a batch, and never resumed; or its IMAP server going silent (a proxy that stops forwarding). Either way the
 * other node takes the mailbox over within the lease and a few seconds, and no filer gets two replies.
 */
class FailoverTest {
    @TempDir
    Path dir;
    Process a;
    Process b;

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
        for (Process p : new Process[] {a, b}) {
            if (p != null && p.isAlive()) p.destroyForcibly().waitFor(); // SIGKILL ends a stopped process too
        }
        ClusterTest.keepLogs(dir, test);
    }

    @Test
    void aNodeFrozenInsideTheRecordTransactionAndNeverResumedIsTakenOverWithinTheLease() throws Exception {
        String db = TestPostgres.newDatabase();
        int total = 1_000;
        try (TestMailServer server = new TestMailServer()) {
            for (int i = 0; i < total; i++) server.deliver(question(TestMailServer.DESK, i));
            String settings = "poll.interval=10\n"; // lease, database waits: the defaults
            a = start(config(dir, server.greenMail.getImap().getPort(), server, db, "node-a", settings), dir.resolve("a.log"));
            waitUntil(60, () -> holder(db, "helpdesk@%") != null);
            b = start(config(dir, server.greenMail.getImap().getPort(), server, db, "node-b", settings), dir.resolve("b.log"));
            Process working = "node-a".equals(holder(db, "helpdesk@%")) ? a : b;
            String node = working == a ? "node-a" : "node-b";
            waitUntil(120, () -> filed(server) > 0);

            // freeze it at a moment when it is inside a batch's record transaction (its rows written, not committed):
            // watch its session until it is in one, stop it, and keep it stopped if the session idles there
            boolean inside = false;
            for (int look = 1; !inside && (look % 50 != 0 || filed(server) < total); look++) {
                if (!inRecordTransaction(db, node, false)) continue;
                signal(working, "STOP");
                Thread.sleep(100); // a statement under way finishes on the server; the session then idles in it
                inside = inRecordTransaction(db, node, true);
                if (!inside) signal(working, "CONT");
            }
            assertThat(inside).as("froze the working node inside its record transaction").isTrue();
            long frozen = System.nanoTime();
            int before = filed(server);
            System.out.printf("froze %s inside a record transaction with %d of %d messages filed%n", node, before, total);

            waitUntil(90, () -> filed(server) > before);
            double takeover = (System.nanoTime() - frozen) / 1e9;
            waitUntil(180, () -> server.folderCount("INBOX") == 0);
            double all = (System.nanoTime() - frozen) / 1e9;
            System.out.printf("SIGSTOP, never resumed: the other node filed its first message after %.1f s and emptied the "
                    + "inbox after %.1f s%n", takeover, all);
            // the lease (20 s) runs out, the standby's lease check (every 4 s) sees it and polls: bounded loosely for CI
            assertThat(takeover).as("seconds to the first message handled by the other node").isLessThan(45);

            assertThat(repliesPerFiler(server).values()).as("no filer gets two replies").allMatch(x -> x == 1);
            ClusterTest.everyMessageInExactlyOneFolder(server, total);
        }
    }

    @Test
    void aNodeWhoseMailServerGoesSilentLosesTheMailboxToTheOtherNode() throws Exception {
        String db = TestPostgres.newDatabase();
        try (TestMailServer server = new TestMailServer(); FaultyProxy proxy = new FaultyProxy(server.greenMail.getImap().getPort())) {
            // node a reaches IMAP through the proxy and waits up to 5 minutes for an answer (no timeout ends its poll)
            // node a reaches IMAP by another port than node b: the same account name makes it one mailbox with one lease
            String account = "imap.account-name=helpdesk@court-imap\n";
            a = start(config(dir, proxy.port(), server, db, "node-a", account + "poll.interval=2\nmail.timeout-seconds=300\n"),
                    dir.resolve("a.log"));
            waitUntil(60, () -> "node-a".equals(holder(db, "helpdesk@%")));
            b = start(config(dir, server.greenMail.getImap().getPort(), server, db, "node-b", account + "poll.interval=2\n"),
                    dir.resolve("b.log"));
            int n = 0;
            for (; n < 5; n++) server.deliver(question(TestMailServer.DESK, n));
            waitUntil(60, () -> server.folderCount("INBOX") == 0);
            assertThat(holder(db, "helpdesk@%")).isEqualTo("node-a");

            proxy.stall();
            long stalled = System.nanoTime();
            for (; n < 10; n++) server.deliver(question(TestMailServer.DESK, n));
            waitUntil(90, () -> server.folderCount("INBOX") == 0);
            System.out.printf("IMAP silent for node a: node b emptied the inbox after %.1f s%n", (System.nanoTime() - stalled) / 1e9);
            assertThat(holder(db, "helpdesk@%")).isEqualTo("node-b");
            assertThat(a.isAlive()).as("node a still runs, stuck on its silent server").isTrue();
            assertThat(repliesPerFiler(server).values()).allMatch(x -> x == 1);
            assertThat(repliesPerFiler(server)).hasSize(n);
        }
    }

    /** Messages filed so far in any folder (the frozen node files nothing: every new one is the other node's). */
    static int filed(TestMailServer server) throws Exception {
        int n = 0;
        for (String folder : new String[] {"Answered", "Needs-Clerk", "Ignored"}) {
            try {
                n += server.folderCount(folder);
            } catch (Exception e) {
                // the folder is made at the first filing
            }
        }
        return n;
    }

    /**
     * Whether the node's session is inside the transaction that records and decides a batch (it has written, and its
     * last statement is one of that transaction's); {@code idle}: and waits there for its client.
     */
    static boolean inRecordTransaction(String db, String node, boolean idle) throws Exception {
        try (Connection c = DriverManager.getConnection(db);
             PreparedStatement p = c.prepareStatement("SELECT query FROM pg_stat_activity WHERE application_name = ? "
                     + "AND backend_xid IS NOT NULL AND state " + (idle ? "= 'idle in transaction'" : "IN ('active', 'idle in transaction')"))) {
            p.setString(1, "mailclerk " + node);
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    String q = r.getString(1);
                    if (q.startsWith("INSERT INTO handled_message") || q.startsWith("SELECT * FROM handled_message WHERE mailbox")
                            || q.startsWith("UPDATE handled_message SET stage = 'DECIDED', action = $1")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
