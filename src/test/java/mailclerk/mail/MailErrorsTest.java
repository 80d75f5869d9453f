package mailclerk.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.MessagingException;
import org.junit.jupiter.api.Test;

class MailErrorsTest {
    @Test
    void aResponseTheLibraryCouldNotParseIsSaidPlainly() {
        // what Angus reported when GreenMail sent an untagged FETCH it could not parse during IDLE (CleanStopTest)
        MessagingException e = new MessagingException("* BYE Jakarta Mail Exception: org.eclipse.angus.mail.iap."
                + "ParsingException: error in FETCH parsing, missing '(' at index 10");
        assertThat(MailErrors.explain(e)).isEqualTo("the mail server sent a response the mail library could not read; "
                + "the connection is opened again").doesNotContain("Exception");
        assertThat(MailErrors.explain(new MessagingException("Connection refused"))).isEqualTo("Connection refused");
    }
}
