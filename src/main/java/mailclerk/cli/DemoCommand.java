package mailclerk.cli;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import mailclerk.config.Settings;
import mailclerk.mail.HelpMailbox;
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import mailclerk.respond.PollResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Start an embedded mail server, drop a few filer emails into its inbox, poll once, and show "
                + "what happened to each message and the replies sent. No configuration needed.")
public class DemoCommand implements Callable<Integer> {
    static final List<String> MESSAGES = List.of("01-forgot-password", "02-menus", "03-out-of-office",
            "04-legal-question", "05-query-error", "06-upgraded-before");

    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        ServerSetup smtp = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        ServerSetup imap = new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP);
        GreenMail mail = new GreenMail(new ServerSetup[] {smtp, imap});
        mail.start();
        Path data = Files.createTempDirectory("mailclerk-demo");
        try {
            // the embedded server lives as long as this command: a fresh random password, never a committed one
            String demoPassword = java.util.UUID.randomUUID().toString();
            GreenMailUser desk = mail.setUser("helpdesk@iasb.uscourts.gov", "helpdesk", demoPassword);
            for (String name : MESSAGES) {
                try (InputStream in = DemoCommand.class.getResourceAsStream("/demo/" + name + ".eml")) {
                    desk.deliver(HelpMailbox.parse(in.readAllBytes()));
                }
            }
            Settings s = config.settings().with(Map.of(
                    "imap.host", "127.0.0.1", "imap.port", Integer.toString(mail.getImap().getPort()),
                    "imap.user", "helpdesk", "imap.password", demoPassword, "imap.security", "none",
                    "smtp.host", "127.0.0.1", "smtp.port", Integer.toString(mail.getSmtp().getPort()),
                    "smtp.user", "", "smtp.security", "none", "data.dir", data.toString()));
            System.out.println("Embedded mail server on 127.0.0.1; " + MESSAGES.size() + " filer emails in the help desk's INBOX.");
            System.out.println();
            PollResult result;
            try (Journal journal = Journal.open(data)) {
                result = Wiring.responder(s, journal).pollOnce();
            }
            for (Outcome o : result.outcomes()) {
                System.out.printf("%-7s %-30s -> %-12s %s%n", o.action().toUpperCase(), o.topic() == null ? "-" : o.topic(),
                        o.folder(), o.reason());
            }
            // the replies as the filers' mailboxes received them (the same message also sits in the help desk's Sent)
            java.util.Map<String, MimeMessage> byId = new java.util.LinkedHashMap<>();
            for (MimeMessage m : mail.getReceivedMessages()) {
                if ("auto-replied".equals(m.getHeader("Auto-Submitted", null)) && m.getMessageID() != null
                        && m.getMessageID().contains("mailclerk.")) byId.putIfAbsent(m.getMessageID(), m);
            }
            MimeMessage[] sent = byId.values().toArray(new MimeMessage[0]);
            System.out.println();
            System.out.println(sent.length + " replies sent:");
            for (MimeMessage m : sent) {
                System.out.println("----------------------------------------------------------------------");
                for (String h : List.of("From", "To", "Subject", "In-Reply-To", "References", "Auto-Submitted",
                        "X-Auto-Response-Suppress")) {
                    String v = m.getHeader(h, ", ");
                    if (v != null) System.out.println(h + ": " + v);
                }
                System.out.println();
                if (m == sent[0]) System.out.println(m.getContent());
                else System.out.println("(body from templates/" + topicOf(result, m) + ".txt)");
            }
            return 0;
        } finally {
            mail.stop();
            try (var files = Files.walk(data)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String topicOf(PollResult r, Message m) throws Exception {
        String to = m.getRecipients(Message.RecipientType.TO)[0].toString();
        return r.outcomes().stream().filter(o -> to.equalsIgnoreCase(o.replyTo())).map(Outcome::topic).findFirst().orElse("?");
    }
}
