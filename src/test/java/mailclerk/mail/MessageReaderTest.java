package mailclerk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Broken and unusual mail, one case per kind seen in the wild: read without an exception, as well as it can be. */
class MessageReaderTest {
    private final MessageReader reader = new MessageReader(ReadLimits.defaults());

    private IncomingMessage read(String raw) throws Exception {
        return read(raw.getBytes(StandardCharsets.ISO_8859_1));
    }

    private IncomingMessage read(byte[] raw) throws Exception {
        return reader.read(HelpMailbox.parse(raw), raw.length);
    }

    private static final String HEAD = "From: Pat <pat@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: PACER\r\n"
            + "Message-ID: <x@firm.example>\r\nMIME-Version: 1.0\r\n";

    @Test
    void rawUtf8HeadersAndHiddenCharactersInBodies() throws Exception {
        // headers written as UTF-8 bytes without encoded words (RFC 6532), a body with a right-to-left override and a
        // zero-width space in it
        byte[] raw = ("From: Ren\u00e9e <renee@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: Caf\u00e9 login\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\n\r\nI cannot log in \u202Eok\u202C now\u200B\r\nline two\r\n")
                .getBytes(StandardCharsets.UTF_8);
        IncomingMessage m = read(raw);
        assertThat(m.subject()).isEqualTo("Caf\u00e9 login");
        assertThat(m.fromName()).isEqualTo("Ren\u00e9e");
        assertThat(m.text()).contains("I cannot log in ok now").contains("line two").doesNotContain("\u202E").doesNotContain("\u200B");
    }

    @Test
    void anUnknownCharsetFallsBackToUtf8ThenWindows1252() throws Exception {
        IncomingMessage utf8 = read(concat(HEAD + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n",
                "I can\u2019t log in to PACER".getBytes(StandardCharsets.UTF_8)));
        assertThat(utf8.text()).isEqualTo("I can\u2019t log in to PACER");
        IncomingMessage cp1252 = read(concat(HEAD + "Content-Type: text/plain; charset=bogus\r\n\r\n",
                "caf\u00e9 \u2013 PACER".getBytes(java.nio.charset.Charset.forName("windows-1252"))));
        assertThat(cp1252.text()).isEqualTo("caf\u00e9 \u2013 PACER");
    }

    @Test
    void aMislabelledCharsetIsReadAsWhatItReallyIs() throws Exception {
        // declared UTF-8, written by a mail program in windows-1252: not valid UTF-8
        IncomingMessage m = read(concat(HEAD + "Content-Type: text/plain; charset=utf-8\r\n\r\n",
                "Jos\u00e9\u2019s PACER login".getBytes(java.nio.charset.Charset.forName("windows-1252"))));
        assertThat(m.text()).isEqualTo("Jos\u00e9\u2019s PACER login");
    }

    @Test
    void anEmptyBodyAndAnAttachmentOnlyMessageHaveNoText() throws Exception {
        assertThat(read(HEAD + "\r\n").text()).isEmpty();
        IncomingMessage pdf = read(HEAD + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: application/pdf; name=\"notice.pdf\"\r\nContent-Disposition: attachment; filename=\"notice.pdf\"\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n");
        assertThat(pdf.text()).isEmpty();
        assertThat(pdf.attachments()).singleElement().satisfies(a -> {
            assertThat(a.fileName()).isEqualTo("notice.pdf");
            assertThat(a.contentType()).isEqualTo("application/pdf");
        });
    }

    @Test
    void encodedNamesAreDecodedRfc2047AndRfc2231() throws Exception {
        IncomingMessage m = read("From: =?UTF-8?B?Sm9zw6kgTcO8bGxlcg==?= <jose@firm.example>\r\n"
                + "To: helpdesk@iasb.uscourts.gov\r\nSubject: =?ISO-8859-1?Q?Caf=E9_PACER?=\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--b\r\nContent-Type: application/pdf\r\n"
                + "Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20fee%20receipt.pdf\r\n\r\nx\r\n--b--\r\n");
        assertThat(m.fromName()).isEqualTo("Jos\u00e9 M\u00fcller");
        assertThat(m.subject()).isEqualTo("Caf\u00e9 PACER");
        assertThat(m.attachments()).extracting(Attachment::fileName).containsExactly("\u20ac fee receipt.pdf");
    }

    @Test
    void encodedLineBreaksInANameOrSubjectBecomeSpaces() throws Exception {
        IncomingMessage m = read("From: =?UTF-8?B?UGF0DQpCY2M6IHZpY3RpbUBlbHNlLmV4YW1wbGU=?= <pat@firm.example>\r\n"
                + "To: helpdesk@iasb.uscourts.gov\r\nSubject: =?UTF-8?Q?help=0D=0ABcc:_victim@else.example?=\r\n\r\nbody\r\n");
        assertThat(m.fromName()).doesNotContain("\r", "\n").isEqualTo("Pat Bcc: victim@else.example");
        assertThat(m.subject()).doesNotContain("\r", "\n");
        assertThat(m.from()).singleElement().satisfies(a -> assertThat(a.getAddress()).isEqualTo("pat@firm.example"));
    }

    @Test
    void aBodyThatDecodesTo500MegabytesIsReadOnlyUpToTheTextLimit() throws Exception {
        GeneratedMessage raw = GeneratedMessage.decodingTo(HEAD + "Content-Type: text/plain; charset=us-ascii\r\n"
                + "Content-Transfer-Encoding: base64\r\n\r\n", 500L * 1024 * 1024);
        MimeMessage m = new MimeMessage(MailSessions.parsing(), raw);
        IncomingMessage in = reader.read(m, raw.length());
        assertThat(in.text()).hasSize(ReadLimits.defaults().maxTextChars());
        assertThat(in.problems()).anyMatch(p -> p.contains("cut"));
        // what was read of the 700 MB: the header and about the text limit's worth of base64, nothing more
        assertThat(raw.maxPositionRead[0]).isLessThan(2L * 1024 * 1024);
    }

    private static byte[] concat(String head, byte[] body) {
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }
}
