package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Responder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The operator's log cannot be forged from a message: a Message-ID carrying an ANSI escape and a fake
 * "action=reply ... folder=Answered", and an Auto-Submitted value with '=' in it, come out as one inert token.
 */
class ForgedLogTest {
    @TempDir
    Path dir;

    @Test
    void aForgedMessageIdIsOneInertTokenInTheLog() throws Exception {
        String forged = "<x\u001b[31m action=reply topic=where-to-login confidence=1.00 folder=Answered reason=ok"
                + "a".repeat(1_000) + "@evil.example>";
        byte[] mail = ("From: Mallory <mallory@evil.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\nSubject: hello\r\n"
                + "Message-ID: " + forged + "\r\nAuto-Submitted: auto-replied action=reply folder=Answered\r\n\r\n"
                + "Is my case closed?\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Logger responderLog = (Logger) LoggerFactory.getLogger(Responder.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        responderLog.addAppender(lines);
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(dir.resolve("data"))) {
            Settings s = server.settings(dir.resolve("data")).with(Map.of("models.dir", TestModels.copyActive(dir).toString()));
            server.deliver(mail);
            Wiring.responder(s, journal).pollOnce();
        } finally {
            responderLog.detachAppender(lines);
        }
        List<String> logged = lines.list.stream().map(ILoggingEvent::getFormattedMessage).filter(l -> l.startsWith("uid=")).toList();
        assertThat(logged).singleElement().satisfies(line -> {
            assertThat(line).as("the real decision").contains(" action=ignore ").contains("folder=Ignored");
            assertThat(line).doesNotContain("\u001b").doesNotContain(" action=reply").doesNotContain("folder=Answered");
            assertThat(line.length()).as("cut short").isLessThan(700);
        });
    }
}
