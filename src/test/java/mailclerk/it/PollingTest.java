package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.FetchedMessage;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.ServerSettings;
import mailclerk.queue.Journal;
import mailclerk.queue.MailboxMark;
import mailclerk.respond.PollResult;
import mailclerk.respond.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PollingTest {
    @TempDir
    Path data;

    static byte[] message(int i) {
        return ("From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                + "Subject: PACER question " + i + "\r\nMessage-ID: <m" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n"
                + "I forgot my PACER password and cannot log in, can you help me reset it?\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes of IMAP conversation for one "what is new since the mark" poll of a mailbox with {@code old} old messages. */
    static long pollCostInBytes(int old, int fresh) throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < old; i++) server.deliver(message(i));
            System.out.printf("delivered %d old messages in %.1f s%n", old, (System.nanoTime() - t0) / 1e9);
            Settings s = server.settings(Files.createTempDirectory("cost")).with(java.util.Map.of("mail.timeout-seconds", "120"));
            long mark;
            try (HelpMailbox mbx = HelpMailbox.open(ServerSettings.imap(s), Folders.from(s))) {
                mark = mbx.uidNext() - 1;
            }
            for (int i = 0; i < fresh; i++) server.deliver(message(old + i));
            CountingStream counter = new CountingStream();
            try (HelpMailbox mbx = HelpMailbox.open(ServerSettings.imap(s), Folders.from(s), new PrintStream(counter, true))) {
                long before = counter.count;
                long t1 = System.nanoTime();
                List<Long> uids = mbx.uidsAfter(mark);
                List<FetchedMessage> fetched = mbx.fetch(uids, 10_000_000);
                assertThat(fetched).hasSize(fresh);
                System.out.printf("poll with %d old messages: %.2f s%n", old, (System.nanoTime() - t1) / 1e9);
                return counter.count - before;
            }
        }
    }

    @Test
    void aPollCostsTheSameWith5000OldMessagesAsWith10() throws Exception {
        // 5,000 old messages make the same proof as 50,000 (anything read per old message would multiply the bytes
        // by 500) without GreenMail's own cost of a huge mailbox, which took minutes and timed out on a busy machine
        long small = pollCostInBytes(10, 3);
        long large = pollCostInBytes(5_000, 3);
        System.out.printf("IMAP bytes for a poll with 3 new messages: 10 old -> %d, 5,000 old -> %d (ratio %.2f)%n",
                small, large, (double) large / small);
        // only the UIDs grow by a few digits; nothing proportional to the old messages is exchanged
        assertThat((double) large / small).isLessThan(1.2);
    }

    @Test
    void aChangedUidValidityIsNoticedAndTheInboxReadAgain() throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            Settings s = server.settings(data);
            server.deliver(message(1));
            try (Journal journal = Journal.open(data)) {
                Responder r = Wiring.responder(s, journal);
                assertThat(r.pollOnce().outcomes()).hasSize(1);
                // the server was rebuilt: a new UIDVALIDITY, and our old mark is far beyond the new UIDs
                MailboxMark old = journal.messages().mark(r.mailboxKey()).orElseThrow();
                journal.messages().saveMark(r.mailboxKey(), new MailboxMark(old.uidValidity() + 1, 1_000_000));
                server.deliver(message(2));
                server.deliver(message(1)); // the first message again, as a restored copy
                PollResult after = r.pollOnce();
                assertThat(after.outcomes()).hasSize(2);
                assertThat(after.count("reply")).isEqualTo(1);
                assertThat(after.outcomes().stream().filter(o -> o.messageId().equals("<m1@firm.example>")).findFirst()
                        .orElseThrow().reason()).contains("already answered");
            }
            assertThat(server.repliesReceived()).hasSize(2);
        }
    }

    static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
