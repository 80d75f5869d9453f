package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The responder in a separate JVM, killed without warning ({@code destroyForcibly}) at many points while it works
 * through a batch, then started again on the same data directory: across all runs no filer gets two replies and
 * every message ends in exactly one of Answered, Needs-Clerk, Ignored.
 */
class KillTest {
    static final int FILERS = 24;
    static final String[] QUESTIONS = {
            "I forgot my PACER password and cannot log in, how do I reset it?",
            "How do I register for a new PACER account?",
            "Where do I log in to CM/ECF now that you are live on NextGen?",
            "I linked my accounts but the Bankruptcy and Adversary menus are not showing.",
            "Should I convert my chapter 13 case to chapter 7?",
            "Out of office until Monday."};

    static byte[] message(int i) {
        String auto = i % QUESTIONS.length == 5 ? "Auto-Submitted: auto-replied\r\n" : "";
        return ("From: Filer " + i + " <filer" + i + "@firm" + i + ".example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                + "Subject: question " + i + "\r\nMessage-ID: <kill" + i + "@firm.example>\r\n" + auto
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n" + QUESTIONS[i % QUESTIONS.length] + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void killedAtRandomPointsNoFilerGetsTwoRepliesAndNothingIsLost(@TempDir Path dir) throws Exception {
        try (TestMailServer server = new TestMailServer()) {
            for (int i = 0; i < FILERS; i++) server.deliver(message(i));
            Path config = dir.resolve("mailclerk.properties");
            Files.writeString(config, "imap.host=127.0.0.1\nimap.port=" + server.greenMail.getImap().getPort()
                    + "\nimap.user=helpdesk\nimap.password=" + TestMailServer.PASSWORD + "\nimap.security=none\n"
                    + "smtp.host=127.0.0.1\nsmtp.port=" + server.greenMail.getSmtp().getPort() + "\nsmtp.security=none\n"
                    + "data.dir=" + dir.resolve("data") + "\n");
            Random random = new Random(7);
            int kills = 0;
            for (int run = 0; run < 12; run++) {
                Process p = start(config);
                long delay = 400 + random.nextInt(2500);
                if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    kills++;
                }
            }
            Process last = start(config);
            assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(last.exitValue()).isZero();
            System.out.println("killed " + kills + " of 12 runs");

            Map<String, Integer> repliesPerFiler = new HashMap<>();
            for (MimeMessage r : server.repliesReceived()) {
                for (Address a : r.getRecipients(MimeMessage.RecipientType.TO)) {
                    repliesPerFiler.merge(((InternetAddress) a).getAddress(), 1, Integer::sum);
                }
            }
            assertThat(repliesPerFiler.values()).allMatch(n -> n == 1);
            Map<String, Boolean> answered = server.folderIds("Answered");
            Map<String, Boolean> clerk = server.folderIds("Needs-Clerk");
            Map<String, Boolean> ignored = server.folderIds("Ignored");
            assertThat(server.folderCount("INBOX")).isZero();
            System.out.printf("replies %d, answered %d, needs-clerk %d, ignored %d%n", repliesPerFiler.size(),
                    answered.size(), clerk.size(), ignored.size());
            for (int i = 0; i < FILERS; i++) {
                String id = "<kill" + i + "@firm.example>";
                int places = (answered.containsKey(id) ? 1 : 0) + (clerk.containsKey(id) ? 1 : 0) + (ignored.containsKey(id) ? 1 : 0);
                assertThat(places).as(id).isEqualTo(1);
            }
            // every reply sent belongs to a message filed as answered, or flagged as "may have been sent"
            assertThat(repliesPerFiler.size()).isLessThanOrEqualTo(answered.size() + clerk.size());
            assertThat(answered.size() + clerk.size() + ignored.size()).isEqualTo(FILERS);
        }
    }

    private static Process start(Path config) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "-cp", System.getProperty("java.class.path"), "mailclerk.cli.Main",
                "poll-once", "--config", config.toString());
        return new ProcessBuilder(cmd).directory(new File(".").getAbsoluteFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
