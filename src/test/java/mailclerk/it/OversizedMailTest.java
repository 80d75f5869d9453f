package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import mailclerk.cli.Wiring;
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import mailclerk.respond.PollResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Messages beyond the read limits go to a clerk; they are never answered from the part that was read. */
class OversizedMailTest {
    static final String HEAD = "From: Pat <pat@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: PACER password\r\n";
    static final String QUESTION = "I forgot my PACER password and cannot log in, how do I reset it?\r\n";

    static byte[] bigBody(int bytes) {
        StringBuilder b = new StringBuilder(HEAD + "Message-ID: <big@firm.example>\r\n\r\n" + QUESTION);
        while (b.length() < bytes) b.append("filler filler filler filler filler filler filler filler filler\r\n");
        return b.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] manyParts(int parts) {
        StringBuilder b = new StringBuilder(HEAD + "Message-ID: <parts@firm.example>\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
        for (int i = 0; i < parts; i++) b.append("--b\r\nContent-Type: text/plain\r\n\r\n").append(QUESTION);
        return b.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] hugeHeader(int bytes) {
        StringBuilder b = new StringBuilder(HEAD + "Message-ID: <header@firm.example>\r\nX-Junk: a");
        while (b.length() < bytes) b.append("\r\n aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
        return b.append("\r\n\r\n").append(QUESTION).toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void oversizedMessagesAreFlaggedNotAnswered(@TempDir Path data) throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            server.deliver(bigBody(30 * 1024 * 1024));
            server.deliver(manyParts(5_000));
            server.deliver(hugeHeader(1024 * 1024));
            PollResult r = Wiring.responder(server.settings(data), journal).pollOnce();
            assertThat(r.outcomes()).hasSize(3);
            for (Outcome o : r.outcomes()) {
                assertThat(o.action()).as(o.messageId()).isEqualTo("flag");
                assertThat(o.folder()).isEqualTo("Needs-Clerk");
                assertThat(o.reason()).startsWith("too large or too complex");
            }
            assertThat(server.repliesReceived()).isEmpty();
        }
    }
}
