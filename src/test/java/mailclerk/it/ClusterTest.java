package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.user.GreenMailUser;
import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mailclerk.mail.HelpMailbox;
import mailclerk.queue.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two nodes (separate JVMs running `run`) on one GreenMail and one PostgreSQL. The node holding a mailbox's lease is
 * killed, or frozen for 25 s (SIGSTOP) and resumed: the other node carries on, and across it all no filer gets two
 * replies and every message ends in exactly one folder.
 */
class ClusterTest {
    static final int LEASE_SECONDS = 8;
    @TempDir
    Path dir;
    Process a;
    Process b;

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
        for (Process p : new Process[] {a, b}) {
            if (p != null && p.isAlive()) {
                signal(p, "CONT");
                p.destroyForcibly().waitFor();
            }
        }
        keepLogs(dir, test);
    }

    /** The nodes' logs under target/node-logs/, for reading after a failure (the temporary directory goes). */
    static void keepLogs(Path dir, org.junit.jupiter.api.TestInfo test) throws Exception {
        Path to = Path.of("target", "node-logs", test.getTestClass().map(Class::getSimpleName).orElse("test") + "-"
                + test.getTestMethod().map(java.lang.reflect.Method::getName).orElse("test"));
        Files.createDirectories(to);
        try (var logs = Files.list(dir)) {
            for (Path log : logs.filter(f -> f.toString().endsWith(".log")).toList()) {
                Files.copy(log, to.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    static byte[] question(String to, int i) {
        return ("From: Filer " + i + " <filer" + i + "@firm" + i + ".example>\r\nTo: " + to + "\r\n"
                + "Subject: question " + i + "\r\nMessage-ID: <cluster" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n"
                + "I forgot my PACER password and cannot log in, can you help me reset it?\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    Path config(TestMailServer server, String db, String node, String extra) throws Exception {
        return config(dir, server.greenMail.getImap().getPort(), server, db, node,
                "poll.interval=1\ncluster.lease-seconds=" + LEASE_SECONDS + "\n" + extra);
    }

    /** A node's configuration file: GreenMail (IMAP on {@code imapPort}: a proxy's, or GreenMail's own), the database. */
    static Path config(Path dir, int imapPort, TestMailServer server, String db, String node, String extra) throws Exception {
        Path f = dir.resolve(node + ".properties");
        Files.writeString(f, "imap.host=127.0.0.1\nimap.port=" + imapPort
                + "\nimap.user=helpdesk\nimap.password=" + TestMailServer.PASSWORD + "\nimap.security=none\n"
                + "smtp.host=127.0.0.1\nsmtp.port=" + server.greenMail.getSmtp().getPort() + "\nsmtp.security=none\n"
                + "data.dir=" + dir.resolve("data-" + node) + "\ndb.url=" + db + "\nnode.id=" + node + "\n"
                + "console.enabled=false\nmail.timeout-seconds=10\n" + extra);
        return f;
    }

    static Process start(Path config, Path log) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "mailclerk.cli.Main", "run",
                "--config", config.toString());
        return new ProcessBuilder(cmd).directory(new File(".").getAbsoluteFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
    }

    static void signal(Process p, String sig) throws Exception {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start().waitFor();
    }

    /** The node holding the lease on the mailbox, or null (none yet, or the nodes have not made the table yet). */
    static String holder(String db, String mailboxLike) throws Exception {
        try (Connection c = DriverManager.getConnection(db);
             PreparedStatement s = c.prepareStatement("SELECT holder FROM mailbox_lease WHERE mailbox LIKE ?")) {
            s.setString(1, mailboxLike);
            try (ResultSet r = s.executeQuery()) {
                // the node id, without the process's instance id (node-a#1a2b3c4d)
                return r.next() ? r.getString(1).replaceFirst("#.*$", "") : null;
            }
        } catch (java.sql.SQLException e) {
            if ("42P01".equals(e.getSQLState())) return null; // undefined table: no node has migrated the database yet
            throw e;
        }
    }

    static void waitUntil(long seconds, java.util.concurrent.Callable<Boolean> done) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!done.call()) {
            if (System.nanoTime() > end) throw new AssertionError("not done within " + seconds + " s");
            Thread.sleep(250);
        }
    }

    static Map<String, Integer> repliesPerFiler(TestMailServer server) throws Exception {
        Map<String, Integer> out = new HashMap<>();
        for (MimeMessage r : server.repliesReceived()) {
            for (Address to : r.getRecipients(MimeMessage.RecipientType.TO)) out.merge(((InternetAddress) to).getAddress(), 1, Integer::sum);
        }
        return out;
    }

    static void everyMessageInExactlyOneFolder(TestMailServer server, int count) throws Exception {
        Map<String, Boolean> answered = server.folderIds("Answered");
        Map<String, Boolean> clerk = server.folderIds("Needs-Clerk");
        Map<String, Boolean> ignored = server.folderIds("Ignored");
        assertThat(server.folderCount("INBOX")).isZero();
        for (int i = 0; i < count; i++) {
            String id = "<cluster" + i + "@firm.example>";
            int places = (answered.containsKey(id) ? 1 : 0) + (clerk.containsKey(id) ? 1 : 0) + (ignored.containsKey(id) ? 1 : 0);
            assertThat(places).as(id).isEqualTo(1);
        }
    }

    @Test
    void theOtherNodeCarriesOnWhenTheLeaseHolderIsKilledAndAFrozenNodeSendsNothingWhenItResumes() throws Exception {
        String db = TestPostgres.newDatabase();
        try (TestMailServer server = new TestMailServer()) {
            a = start(config(server, db, "node-a", ""), dir.resolve("a.log"));
            b = start(config(server, db, "node-b", ""), dir.resolve("b.log"));
            int n = 0;
            for (; n < 10; n++) server.deliver(question(TestMailServer.DESK, n));
            waitUntil(60, () -> server.folderCount("INBOX") == 0);

            // kill the lease holder in the middle of a poll: the other node takes over once the lease runs out
            Process holder = "node-a".equals(holder(db, "helpdesk@%")) ? a : b;
            for (; n < 20; n++) server.deliver(question(TestMailServer.DESK, n));
            waitUntil(30, () -> server.folderCount("INBOX") < 10);
            holder.destroyForcibly().waitFor();
            long killed = System.nanoTime();
            // the lease runs out (8 s) and Quartz recovers the dead node's job: usually under 20 s, bounded loosely
            // here because a loaded CI machine stretches every step
            waitUntil(90, () -> server.folderCount("INBOX") == 0);
            System.out.printf("after a SIGKILL the other node emptied the inbox in %.1f s%n", (System.nanoTime() - killed) / 1e9);
            Process survivor = holder == a ? b : a;
            Path restartedConfig = dir.resolve((holder == a ? "node-a" : "node-b") + ".properties");
            Process restarted = start(restartedConfig, dir.resolve("restarted.log"));
            if (holder == a) a = restarted;
            else b = restarted;

            // freeze the holder for 25 s while mail keeps coming; it resumes after the other took over
            Thread.sleep(3_000);
            Process frozen = holder(db, "helpdesk@%").equals(survivor == a ? "node-a" : "node-b") ? survivor : restarted;
            signal(frozen, "STOP");
            long stopped = System.nanoTime();
            for (; n < 30; n++) server.deliver(question(TestMailServer.DESK, n));
            waitUntil(90, () -> server.folderCount("INBOX") == 0);
            System.out.printf("with the holder frozen the other node emptied the inbox in %.1f s%n", (System.nanoTime() - stopped) / 1e9);
            long left = 25_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped);
            if (left > 0) Thread.sleep(left);
            signal(frozen, "CONT");
            for (; n < 34; n++) server.deliver(question(TestMailServer.DESK, n));
            waitUntil(90, () -> server.folderCount("INBOX") == 0);
            Thread.sleep(3_000); // time for the resumed node to do anything it would

            Map<String, Integer> replies = repliesPerFiler(server);
            assertThat(replies.values()).as("no filer gets two replies").allMatch(x -> x == 1);
            everyMessageInExactlyOneFolder(server, n);
            assertThat(replies.size()).isGreaterThanOrEqualTo(n - 2);
        }
    }

    @Test
    void twoMailboxesOverTwoNodesAndTheSameMessagesToBothDesksAreAnsweredOnce() throws Exception {
        String db = TestPostgres.newDatabase();
        try (TestMailServer server = new TestMailServer()) {
            GreenMailUser intake = server.addDesk("intake@iasb.uscourts.gov", "intake");
            String two = "mailboxes=helpdesk,intake\nmailbox.intake.imap.user=intake\n"
                    + "mailbox.intake.helpdesk.address=intake@iasb.uscourts.gov\n";
            // the same 50 messages (To the help desk, Cc intake) are waiting in both accounts when the nodes start
            int n = 50;
            for (int i = 0; i < n; i++) {
                byte[] both = question(TestMailServer.DESK + "\r\nCc: intake@iasb.uscourts.gov", i);
                server.deliver(both);
                intake.deliver(HelpMailbox.parse(both));
            }
            a = start(config(server, db, "node-a", two), dir.resolve("a.log"));
            b = start(config(server, db, "node-b", two), dir.resolve("b.log"));
            waitUntil(90, () -> server.folderCount("INBOX") == 0 && server.folderCount("intake", "INBOX") == 0);
            Thread.sleep(2_000);
            Map<String, Integer> replies = repliesPerFiler(server);
            assertThat(replies.values()).as("no filer answered twice").allMatch(x -> x == 1);
            assertThat(replies).as("every filer answered once").hasSize(n);
            assertThat(holder(db, "helpdesk@%")).isIn("node-a", "node-b");
            assertThat(holder(db, "intake@%")).isIn("node-a", "node-b");
        }
    }
}
