package mailclerk.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Properties;
import mailclerk.config.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScreeningTest {
    final Screening screening = new Screening(HelpDesk.from(new Settings(new Properties(), Map.of(), java.nio.file.Path.of("."))));

    @ParameterizedTest
    @ValueSource(strings = {
            "Auto-Submitted: auto-replied\n",
            "Auto-Submitted: auto-generated; owner-email=x@y.example\n",
            "Precedence: bulk\n",
            "Precedence: list\n",
            "Precedence: junk\n",
            "List-Id: <bar.example.org>\n",
            "List-Unsubscribe: <mailto:leave@example.org>\n",
            "Return-Path: <>\n",
            "X-Autorespond: yes\n",
            "X-Failed-Recipients: a@b.example\n"})
    void machineHeadersAreNeverAnswered(String header) {
        assertThat(screening.machineMail(TestMessages.filer(header, "PACER password", "I forgot my PACER password"))).isPresent();
    }

    @Test
    void autoSubmittedNoIsAPerson() {
        assertThat(screening.machineMail(TestMessages.filer("Auto-Submitted: no\n", "PACER password", "I forgot it"))).isEmpty();
        assertThat(screening.machineMail(TestMessages.filer("", "PACER password", "I forgot it"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAILER-DAEMON@mx.example", "postmaster@mx.example", "no-reply@pay.example",
            "noreply@pay.example", "do-not-reply@pay.example", "DoNotReply@pay.example", "helpdesk@iasb.uscourts.gov"})
    void machineAndOwnSendersAreNeverAnswered(String sender) {
        var m = TestMessages.parse("From: <" + sender + ">\nTo: helpdesk@iasb.uscourts.gov\nSubject: hi\n\nhello\n");
        assertThat(screening.machineMail(m)).isPresent();
    }

    @Test
    void deliveryReportsAndOutOfOfficeSubjectsAreMachineMail() {
        var report = TestMessages.parse("From: Mail System <mail@mx.example>\nTo: helpdesk@iasb.uscourts.gov\nSubject: failed\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: text/plain\n\nfailed\n--b--\n");
        assertThat(screening.machineMail(report)).isPresent();
        assertThat(screening.machineMail(TestMessages.filer("", "Out of Office: PACER", "away"))).isPresent();
        assertThat(screening.machineMail(TestMessages.filer("", "Automatic reply: your message", "away"))).isPresent();
    }
}
