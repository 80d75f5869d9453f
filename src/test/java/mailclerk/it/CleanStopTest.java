package mailclerk.it;

import static mailclerk.it.ClusterTest.config;
import static mailclerk.it.ClusterTest.question;
import static mailclerk.it.ClusterTest.repliesPerFiler;
import static mailclerk.it.ClusterTest.signal;
import static mailclerk.it.ClusterTest.start;
import static mailclerk.it.ClusterTest.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (systemd's stop) in the middle of a poll of a backlog, on the embedded journal: the poll files what it
 * decided and sent, hands back what it has not sent, and the journal closes after it; nothing is logged as failed,
 * and the next start answers the rest, nothing twice.
 */
class CleanStopTest {
    @TempDir
    Path dir;
    Process node;

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws Exception {
        if (node != null && node.isAlive()) node.destroyForcibly().waitFor();
        ClusterTest.keepLogs(dir, test);
    }

    @Test
    void sigtermMidPollLogsNoFailureAndLosesNothing() throws Exception {
        int total = 500;
        try (TestMailServer server = new TestMailServer()) {
            for (int i = 0; i < total; i++) server.deliver(question(TestMailServer.DESK, i));
            Path config = config(dir, server.greenMail.getImap().getPort(), server, "", "node", "poll.interval=60\n");
            node = start(config, dir.resolve("first.log"));
            waitUntil(120, () -> FailoverTest.filed(server) > 0);
            signal(node, "TERM");
            assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute").isTrue();
            int filedAtStop = FailoverTest.filed(server);
            System.out.printf("SIGTERM with %d of %d messages filed%n", filedAtStop, total);
            assertThat(filedAtStop).as("stopped in the middle of the backlog").isLessThan(total);

            List<String> log = Files.readAllLines(dir.resolve("first.log"));
            assertThat(log).as("nothing logged as failed").noneMatch(l -> l.contains("failed") || l.contains("ERROR")
                    || l.contains("already closed") || l.contains("Exception"));
            assertThat(log).anyMatch(l -> l.contains("RunCommand - stopped"));

            node = start(config, dir.resolve("second.log"));
            waitUntil(180, () -> server.folderCount("INBOX") == 0);
            signal(node, "TERM");
            node.waitFor(60, TimeUnit.SECONDS);
            assertThat(repliesPerFiler(server).values()).as("no filer gets two replies").allMatch(x -> x == 1);
            assertThat(repliesPerFiler(server)).as("and every one gets one: nothing handed back went to a clerk").hasSize(total);
            ClusterTest.everyMessageInExactlyOneFolder(server, total);
        }
    }
}
