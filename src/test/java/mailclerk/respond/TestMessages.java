package mailclerk.respond;

import java.nio.charset.StandardCharsets;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;

/** Builds messages from raw header and body text, the way they arrive. */
public final class TestMessages {
    private TestMessages() {
    }

    public static IncomingMessage parse(String raw) {
        try {
            return new MessageReader(ReadLimits.defaults()).read(
                    HelpMailbox.parse(raw.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8)), raw.length());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain filer message with the given extra headers (each ending in a newline). */
    public static IncomingMessage filer(String extraHeaders, String subject, String body) {
        return parse("From: Pat Filer <pat@lawfirm.example>\n"
                + "To: helpdesk@iasb.uscourts.gov\n"
                + "Subject: " + subject + "\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\n"
                + "Message-ID: <q1@lawfirm.example>\n"
                + extraHeaders
                + "Content-Type: text/plain; charset=utf-8\n\n" + body + "\n");
    }
}
