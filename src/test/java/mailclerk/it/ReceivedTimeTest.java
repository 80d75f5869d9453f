package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The NextGen before/after answer is chosen by when the court received the message (IMAP INTERNALDATE), not by the
 * Date header the sender's machine wrote: a message received after go-live whose clock says March 2025 never gets
 * "the court is not live yet".
 */
class ReceivedTimeTest {
    @TempDir
    Path dir;

    static byte[] upgraded(String date, String extraHeaders) {
        return ("From: Dana Filer <dana@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: cannot get into ECF\r\n"
                + "Message-ID: <clock@firm.example>\r\nDate: " + date + "\r\n" + extraHeaders + "\r\n"
                + "Hi, I did the PACER upgrade like the notice said and now I cannot log into CM/ECF to file anything. "
                + "Is there something else I need to do? Thanks, Dana\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aWrongOldDateHeaderDoesNotBringBackTheBeforeGoLiveAnswer() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString()));
            server.deliver(upgraded("Mon, 3 Mar 2025 09:00:00 -0600", "")); // received today, dated before go-live
            Outcome o = Wiring.responder(s, journal).pollOnce().outcomes().get(0);
            assertThat(o.topic()).as("never the before answer for mail received after go-live").isNotEqualTo("cmecf-login-before-nextgen");
            if (o.action().equals("reply")) assertThat(o.reason()).contains("received 20").doesNotContain("2025-03-03");
        }
    }

    @Test
    void inAFileTheNewestReceivedLineIsTheReceivedTime() throws Exception {
        byte[] raw = upgraded("Mon, 3 Mar 2025 09:00:00 -0600",
                "Received: from mx.court.example by imap.court.example; Tue, 14 Oct 2025 10:00:00 -0500\r\n"
                        + "Received: from laptop by mx.firm.example; Mon, 3 Mar 2025 09:00:01 -0600\r\n");
        IncomingMessage in = new MessageReader(ReadLimits.defaults()).read(HelpMailbox.parse(raw), raw.length);
        assertThat(in.receivedOrDated()).isEqualTo(java.time.Instant.parse("2025-10-14T15:00:00Z"));
        byte[] noReceived = upgraded("Mon, 3 Mar 2025 09:00:00 -0600", "");
        IncomingMessage dated = new MessageReader(ReadLimits.defaults()).read(HelpMailbox.parse(noReceived), noReceived.length);
        assertThat(dated.receivedOrDated()).as("no Received line: the Date header").isEqualTo(java.time.Instant.parse("2025-03-03T15:00:00Z"));
    }
}
