package mailclerk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import mailclerk.respond.TestMessages;
import org.junit.jupiter.api.Test;

class ReplyBuilderTest {
    @Test
    void subjectGetsOneRe() {
        assertThat(ReplyBuilder.replySubject("locked out")).isEqualTo("Re: locked out");
        assertThat(ReplyBuilder.replySubject("Re: locked out")).isEqualTo("Re: locked out");
        assertThat(ReplyBuilder.replySubject("RE: Re: AW: locked out")).isEqualTo("Re: locked out");
        assertThat(ReplyBuilder.replySubject("")).isEqualTo("Re: your message to the help desk");
    }

    @Test
    void lineBreaksInTheSubjectCannotAddAHeaderOrARecipient() throws Exception {
        IncomingMessage in = TestMessages.filer("", "=?UTF-8?Q?help=0D=0ABcc:_victim@evil.example?=", "forgot password");
        assertThat(in.subject()).doesNotContain("\r").doesNotContain("\n");
        Reply r = ReplyBuilder.reply(in, new InternetAddress("helpdesk@iasb.uscourts.gov"),
                new InternetAddress("pat@lawfirm.example"), "body ${env:HOME}", true);
        MimeMessage m = ReplyBuilder.toMime(r, MailSessions.parsing());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.writeTo(out);
        String raw = out.toString(StandardCharsets.US_ASCII);
        assertThat(raw).doesNotContainPattern("(?im)^bcc:");
        assertThat(m.getAllRecipients()).hasSize(1);
        assertThat(m.getHeader("Bcc")).isNull();
        assertThat((String) m.getContent()).isEqualTo("body ${env:HOME}");
    }

    @Test
    void threadingHeadersKeepOnlyWellFormedIds() throws Exception {
        IncomingMessage in = TestMessages.filer("References: <a@x.example> junk <b@x.example>\nIn-Reply-To: <b@x.example>\n",
                "q", "forgot password");
        Reply r = ReplyBuilder.reply(in, new InternetAddress("helpdesk@iasb.uscourts.gov"),
                new InternetAddress("pat@lawfirm.example"), "b", true);
        assertThat(r.inReplyTo()).isEqualTo("<q1@lawfirm.example>");
        assertThat(r.references()).isEqualTo("<a@x.example> <b@x.example> <q1@lawfirm.example>");
        MimeMessage m = ReplyBuilder.toMime(r, MailSessions.parsing());
        assertThat(m.getMessageID()).isEqualTo(r.messageId()).startsWith("<mailclerk.").endsWith("@iasb.uscourts.gov>");
        assertThat(m.getHeader("Auto-Submitted")[0]).isEqualTo("auto-replied");
        assertThat(m.getHeader("X-Auto-Response-Suppress")[0]).isEqualTo("All");
    }

    @Test
    void aClerksReplyIsNotMarkedAutomatic() throws Exception {
        IncomingMessage in = TestMessages.filer("", "q", "x");
        Reply r = ReplyBuilder.reply(in, new InternetAddress("helpdesk@iasb.uscourts.gov"),
                new InternetAddress("pat@lawfirm.example"), "b", false);
        assertThat(ReplyBuilder.toMime(r, MailSessions.parsing()).getHeader("Auto-Submitted")).isNull();
    }

    @Test
    void onlyOneCleanAddressIsAccepted() {
        assertThat(ReplyBuilder.singleAddress("pat@lawfirm.example")).isNotNull();
        assertThat(ReplyBuilder.singleAddress("pat@lawfirm.example, eve@evil.example")).isNull();
        assertThat(ReplyBuilder.singleAddress("pat@lawfirm.example\r\nBcc: eve@evil.example")).isNull();
        assertThat(ReplyBuilder.singleAddress("")).isNull();
    }
}
