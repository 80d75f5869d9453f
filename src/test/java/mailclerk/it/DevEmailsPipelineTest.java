package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.respond.FilerName;
import mailclerk.respond.PollResult;
import mailclerk.respond.ReplyTemplates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole responder against a real IMAP/SMTP server: every labelled dev email goes into the help desk's
 * INBOX, one poll runs, and each message must end in the folder its label calls for, with the right replies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevEmailsPipelineTest {
    static final Path DEV = Path.of("src/test/resources/dev-emails");
    Path data;
    TestMailServer server;
    Settings settings;
    PollResult first;
    Map<String, String[]> labels = new HashMap<>();
    Map<String, String> fileById = new HashMap<>();

    @BeforeAll
    void pollOnceOverAllDevEmails() throws Exception {
        for (String line : Files.readAllLines(DEV.resolve("labels.tsv"), StandardCharsets.UTF_8).subList(1, 71)) {
            String[] f = line.split("\t");
            labels.put(f[0], f);
        }
        data = Files.createTempDirectory("mailclerk-it");
        server = new TestMailServer();
        settings = server.settings(data);
        for (String file : labels.keySet().stream().sorted().toList()) {
            Path p = DEV.resolve(file);
            server.appendAsReceived(p); // received when it was written, as it was at the court
            fileById.put(messageId(p), file);
        }
        try (Journal journal = Journal.open(data)) {
            first = Wiring.responder(settings, journal).pollOnce();
        }
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static String messageId(Path eml) throws Exception {
        MimeMessage m = HelpMailbox.parse(Files.readAllBytes(eml));
        return m.getHeader("Message-ID")[0].replaceAll("\\s+", "");
    }

    @Test
    @Order(1)
    void everyMessageEndsInExactlyTheFolderItsLabelCallsFor() throws Exception {
        Map<String, Boolean> answered = server.folderIds("Answered");
        Map<String, Boolean> clerk = server.folderIds("Needs-Clerk");
        Map<String, Boolean> ignored = server.folderIds("Ignored");
        assertThat(server.folderIds("INBOX")).isEmpty();
        assertThat(answered.size() + clerk.size() + ignored.size()).isEqualTo(70);
        for (Map.Entry<String, String> e : fileById.entrySet()) {
            String id = e.getKey();
            String expected = labels.get(e.getValue())[1];
            int places = (answered.containsKey(id) ? 1 : 0) + (clerk.containsKey(id) ? 1 : 0) + (ignored.containsKey(id) ? 1 : 0);
            assertThat(places).as(e.getValue() + " is in exactly one folder").isEqualTo(1);
            switch (expected) {
                case "ignore" -> assertThat(ignored).as(e.getValue()).containsKey(id);
                case "flag" -> assertThat(clerk).as(e.getValue()).containsEntry(id, true);
                default -> assertThat(answered.containsKey(id) || clerk.getOrDefault(id, false))
                        .as(e.getValue() + " answered, or flagged when unsure").isTrue();
            }
        }
        // most FAQ questions get their answer automatically
        assertThat(answered.size()).isGreaterThanOrEqualTo(30);
    }

    @Test
    @Order(2)
    void repliesGoToTheRightPersonWithTheRightAnswerAndThreading() throws Exception {
        List<MimeMessage> replies = server.repliesReceived();
        List<MimeMessage> sent = server.folderMessages("Sent");
        assertThat(replies).hasSize(server.folderIds("Answered").size());
        assertThat(sent).hasSize(replies.size());
        ReplyTemplates templates = Wiring.templates(settings);
        Map<String, HandledMessage> byReplyId = new HashMap<>();
        try (Journal journal = Journal.open(data)) {
            for (HandledMessage h : journal.messages().all()) if (h.replyMessageId() != null) byReplyId.put(h.replyMessageId(), h);
        }
        for (MimeMessage reply : replies) {
            String inReplyTo = reply.getHeader("In-Reply-To")[0];
            String file = fileById.get(inReplyTo);
            assertThat(file).as("In-Reply-To names an original").isNotNull();
            String[] label = labels.get(file);
            HandledMessage h = byReplyId.get(reply.getMessageID());
            assertThat(label[1]).as(file + " must not be answered").isEqualTo("reply");
            assertThat(h.topic()).as(file + " topic").isEqualTo(label[2]);

            MimeMessage original = HelpMailbox.parse(Files.readAllBytes(DEV.resolve(file)));
            IncomingMessage in = new MessageReader(ReadLimits.defaults()).read(original, -1);
            String expectedTo = in.returnPath() != null && !in.returnPath().isEmpty()
                    ? in.returnPath() : in.from().get(0).getAddress();
            Address[] to = reply.getRecipients(MimeMessage.RecipientType.TO);
            assertThat(to).hasSize(1);
            assertThat(((InternetAddress) to[0]).getAddress()).isEqualToIgnoringCase(expectedTo);
            assertThat(reply.getRecipients(MimeMessage.RecipientType.CC)).isNull();
            assertThat(((InternetAddress) reply.getFrom()[0]).getAddress()).isEqualTo(TestMailServer.DESK);
            assertThat(reply.getSubject()).startsWith("Re: ").doesNotStartWith("Re: Re:").doesNotStartWith("Re: RE:");
            assertThat(reply.getHeader("References")[0]).endsWith(inReplyTo);
            assertThat(reply.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
            assertThat(reply.getHeader("X-Auto-Response-Suppress")[0]).isEqualTo("All");
            assertThat(reply.getContentType()).startsWith("text/plain");
            String body = ((String) reply.getContent()).replace("\r\n", "\n");
            assertThat(body.strip()).isEqualTo(templates.render(h.topic(), FilerName.of(in.fromName())).strip());
        }
    }

    @Test
    @Order(3)
    void aSecondPollAndARestartSendNothingMore() throws Exception {
        int before = server.repliesReceived().size();
        try (Journal journal = Journal.open(data)) {
            PollResult again = Wiring.responder(settings, journal).pollOnce();
            assertThat(again.outcomes()).isEmpty();
        }
        // a restart: new objects, same data directory; and the originals put back into the inbox as new mail
        for (String file : labels.keySet()) server.deliver(DEV.resolve(file));
        try (Journal journal = Journal.open(data)) {
            PollResult afterRestart = Wiring.responder(settings, journal).pollOnce();
            assertThat(afterRestart.outcomes()).hasSize(70);
            assertThat(afterRestart.count("reply")).isZero();
        }
        assertThat(server.repliesReceived()).hasSize(before);
    }
}
