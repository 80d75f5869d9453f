package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.ClerkDesk;
import mailclerk.web.QueueRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ordinary mail whose address headers Jakarta Mail will not parse (Outlook's quoted address as a name, "<>" in a
 * list, a bare name, a space in an address, a control character in a name) must reach the queue, show there with
 * its header text cleaned, and be workable by every action: one such message must not take the queue down.
 */
class MalformedAddressQueueTest {
    @TempDir
    Path dir;

    static final String[][] CASES = {
            {"outlook-quoted", "From: Pat Filer <pat@firm.example>", "To: 'helpdesk@iasb.uscourts.gov' <helpdesk@iasb.uscourts.gov>"},
            {"empty-in-list", "From: Pat Filer <pat@firm.example>", "To: helpdesk@iasb.uscourts.gov, <>, other@firm.example"},
            {"bare-name", "From: Pat Filer <pat@firm.example>", "To: helpdesk"},
            {"space-in-address", "From: Pat Filer <pat@firm.example>", "To: help desk@court.test"},
            {"control-in-name", "From: Pat\u0001 Filer <pat@firm.example>", "To: helpdesk@iasb.uscourts.gov"},
            {"broken-from", "From: Pat Filer <pat@firm.example", "To: helpdesk@iasb.uscourts.gov"},
            {"spoofed-name", "From: \"IASB Help Desk <helpdesk@iasb.uscourts.gov>\" <attacker@evil.example>",
                "To: helpdesk@iasb.uscourts.gov"},
    };

    static byte[] message(String id, String from, String to) {
        return (from + "\r\n" + to + "\r\nSubject: PACER question " + id + "\r\nMessage-ID: <" + id + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\nIs my case closed yet? " + id + "\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void everyMalformedAddressMessageIsListedOpenedAndWorked() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString()));
            for (String[] c : CASES) server.deliver(message(c[0], c[1], c[2]));
            Wiring.responder(s, journal).pollOnce();
            ClerkDesk desk = Wiring.clerkDesk(s, journal);
            List<QueueRow> queue = desk.queue();
            assertThat(queue).hasSize(CASES.length);
            assertThat(queue).allSatisfy(r -> {
                assertThat(r.subject()).startsWith("PACER question ");
                assertThat(r.reason()).isNotBlank().isNotEqualTo("moved here by hand");
            });
            QueueRow control = queue.stream().filter(r -> r.subject().endsWith("control-in-name")).findFirst().orElseThrow();
            assertThat(control.sender().address()).isEqualTo("pat@firm.example");
            assertThat(control.sender().name()).isEqualTo("Pat Filer");
            QueueRow broken = queue.stream().filter(r -> r.subject().endsWith("broken-from")).findFirst().orElseThrow();
            assertThat(broken.sender().address()).isEqualTo("pat@firm.example");
            QueueRow spoofed = queue.stream().filter(r -> r.subject().endsWith("spoofed-name")).findFirst().orElseThrow();
            assertThat(spoofed.sender().address()).as("the real address, apart from the name").isEqualTo("attacker@evil.example");

            for (QueueRow r : queue) assertThat(desk.open(r.uid(), null)).as(r.subject()).isPresent();
            int i = 0;
            for (QueueRow r : queue) {
                ClerkDesk.Outcome o = i++ % 2 == 0 ? desk.answeredByHand("clara", r.uid(), null) : desk.notAQuestion("clara", r.uid());
                assertThat(o).as(r.subject()).isEqualTo(ClerkDesk.Outcome.DONE);
            }
            assertThat(desk.queue()).isEmpty();
            assertThat(server.folderIds("Answered").size() + server.folderIds("Ignored").size()).isEqualTo(CASES.length);
        }
    }

    @Test
    void aReusedMessageIdDoesNotShowAnotherMessagesReason() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString()));
            server.deliver(message("same", "From: Victim <victim@firm.example>", "To: helpdesk@iasb.uscourts.gov"));
            server.deliver(("From: Other <other@evil.example>\r\nTo: someone@evil.example\r\nSubject: hello\r\n"
                    + "Message-ID: <same@firm.example>\r\n\r\nHello there\r\n").getBytes(StandardCharsets.US_ASCII));
            Wiring.responder(s, journal).pollOnce();
            List<QueueRow> queue = Wiring.clerkDesk(s, journal).queue();
            assertThat(queue).hasSize(2);
            QueueRow victim = queue.stream().filter(r -> r.sender().address().equals("victim@firm.example")).findFirst().orElseThrow();
            QueueRow other = queue.stream().filter(r -> r.sender().address().equals("other@evil.example")).findFirst().orElseThrow();
            assertThat(victim.reason()).isNotEqualTo(other.reason());
            assertThat(other.reason()).contains("help desk");
        }
    }
}
