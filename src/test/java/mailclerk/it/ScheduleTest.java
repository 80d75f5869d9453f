package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import mailclerk.cli.Wiring;
import mailclerk.queue.Journal;
import mailclerk.schedule.PollJob;
import mailclerk.schedule.PollSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quartz.DisallowConcurrentExecution;

/** The daemon's schedule: mail that arrives while it runs is answered within a poll interval. */
class ScheduleTest {
    @Test
    void theScheduledPollAnswersNewMail(@TempDir Path data) throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            try (PollSchedule schedule = new PollSchedule(Wiring.responder(server.settings(data), journal), 1)) {
                schedule.start();
                Thread.sleep(1500); // an empty poll or two first
                server.deliver(PollingTest.message(7));
                long deadline = System.currentTimeMillis() + 20_000;
                while (server.repliesReceived().isEmpty() && System.currentTimeMillis() < deadline) Thread.sleep(200);
                assertThat(server.repliesReceived()).hasSize(1);
                Thread.sleep(2500); // further polls send nothing more
                assertThat(server.repliesReceived()).hasSize(1);
            }
        }
    }

    @Test
    void pollsNeverOverlap() {
        assertThat(PollJob.class.isAnnotationPresent(DisallowConcurrentExecution.class)).isTrue();
    }
}
