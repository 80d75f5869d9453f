package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Responder;
import mailclerk.schedule.IdlePolls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * IMAP IDLE: with the scheduled poll five minutes away, mail is answered as soon as the server announces it. The
 * test waits for the reply with a generous bound; how fast it really is, is measured by the bench, not here.
 */
class IdleTest {
    @TempDir
    Path dir;

    @Test
    void newMailIsAnsweredWhenTheServerAnnouncesItNotAtTheNextPoll() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("poll.interval", "300"));
            Responder responder = Wiring.responder(s, journal);
            try (IdlePolls idle = Wiring.idlePolls(s, journal, List.of(responder))) {
                idle.start();
                Thread.sleep(500); // the watcher connects and starts its IDLE
                for (int i = 0; i < 3; i++) {
                    server.deliver(OAuthTest.question(i));
                    int expected = i + 1;
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (server.repliesReceived().size() < expected && System.nanoTime() < deadline) Thread.sleep(50);
                    assertThat(server.repliesReceived()).as("reply to message " + i + " without a scheduled poll").hasSize(expected);
                }
            }
            assertThat(server.folderCount("INBOX")).isZero();
        }
    }
}
