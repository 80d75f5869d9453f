package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import mailclerk.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `poll-once` and `status` as an operator runs them, with a configuration file. */
class StatusTest {
    static synchronized String[] run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int exit = Main.commandLine().execute(args);
            return new String[] {Integer.toString(exit), buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(saved);
        }
    }

    @Test
    void statusShowsTheLastPollAndTheLastError(@TempDir Path dir) throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            Path data = dir.resolve("data");
            String props = "imap.host=127.0.0.1\nimap.port=" + server.greenMail.getImap().getPort() + "\nimap.user=helpdesk\n"
                    + "imap.password=" + TestMailServer.PASSWORD + "\nimap.security=none\nsmtp.host=127.0.0.1\nsmtp.port="
                    + server.greenMail.getSmtp().getPort() + "\nsmtp.security=none\ndata.dir=" + data + "\n";
            Path config = dir.resolve("mailclerk.properties");
            Files.writeString(config, props);
            server.deliver(PollingTest.message(1));
            server.deliver(OversizedMailTest.manyParts(300));

            String[] poll = run("poll-once", "--config", config.toString());
            assertThat(poll[0]).isEqualTo("0");
            assertThat(poll[1]).contains("2 messages: 1 replied, 1 flagged, 0 ignored");
            String[] status = run("status", "--config", config.toString());
            assertThat(status[1]).contains("last error: none").contains("Answered: 1").contains("Needs-Clerk: 1").contains("INBOX: 0");

            Files.writeString(config, props.replace("imap.port=" + server.greenMail.getImap().getPort(), "imap.port=1"));
            assertThat(run("poll-once", "--config", config.toString())[0]).isNotEqualTo("0");
            assertThat(run("status", "--config", config.toString())[1]).contains("last error: 20").contains("MailConnectException");
        }
    }
}
