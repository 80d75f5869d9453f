package mailclerk.it;

import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import mailclerk.config.Settings;
import mailclerk.mail.HelpMailbox;

/** A GreenMail IMAP + SMTP server on loopback with the help desk's mailbox, and the settings to reach it. */
public final class TestMailServer implements AutoCloseable {
    public static final String DESK = "helpdesk@iasb.uscourts.gov";
    public static final String PASSWORD = "test-only-secret";
    public final GreenMail greenMail;
    public final GreenMailUser desk;
    /** The help desks' accounts by login name, the first one {@link #desk}: see {@link #addDesk}. */
    private final Map<String, GreenMailUser> desks = new java.util.LinkedHashMap<>();

    public TestMailServer() {
        this(false);
    }

    /** With {@code tls}, also IMAPS and SMTPS ports, using the key and certificate set up by {@link TlsTest}. */
    public TestMailServer(boolean tls) {
        greenMail = new GreenMail(tls
                ? new ServerSetup[] {
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTPS),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAPS)}
                : new ServerSetup[] {
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
                    new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        greenMail.start();
        desk = greenMail.setUser(DESK, "helpdesk", PASSWORD);
        desks.put("helpdesk", desk);
    }

    /** A second help mailbox (another account, same password) on this server, for {@code mailboxes=a,b}. */
    public GreenMailUser addDesk(String address, String login) {
        GreenMailUser u = greenMail.setUser(address, login, PASSWORD);
        desks.put(login, u);
        return u;
    }

    /** The repository's config with the test server's ports and a private data directory. */
    public Settings settings(Path dataDir) {
        Properties p = new Properties();
        try (InputStream in = new FileInputStream("config/mailclerk.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Settings(p, Map.of(), Path.of("").toAbsolutePath()).with(overrides(dataDir));
    }

    /** The keys that point mailclerk at this server and a private data directory. */
    private Map<String, String> overrides(Path dataDir) {
        Map<String, String> o = new HashMap<>();
        o.put("imap.host", "127.0.0.1");
        o.put("imap.port", Integer.toString(greenMail.getImap().getPort()));
        o.put("imap.user", "helpdesk");
        o.put("imap.password", PASSWORD);
        o.put("imap.security", "none");
        o.put("smtp.host", "127.0.0.1");
        o.put("smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
        o.put("smtp.security", "none");
        o.put("data.dir", dataDir.toString());
        o.put("mail.timeout-seconds", "10");
        return o;
    }

    /** The same settings as {@link #settings} written to a properties file, for the commands' --config. */
    public Path configFile(Path file, Path dataDir, Map<String, String> extra) throws IOException {
        Properties p = new Properties();
        try (InputStream in = new FileInputStream("config/mailclerk.properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        p.putAll(overrides(dataDir));
        p.putAll(extra);
        try (var out = Files.newBufferedWriter(file, java.nio.charset.StandardCharsets.UTF_8)) {
            p.store(out, "test configuration");
        }
        return file;
    }

    public void deliver(Path eml) throws Exception {
        desk.deliver(HelpMailbox.parse(Files.readAllBytes(eml)));
    }

    /**
     * Appends a message file to the help desk's inbox over IMAP with its own date as INTERNALDATE (what the court's
     * server recorded when it arrived), as `seed.sh --date-from-header` does: for mail from the past, such as the dev
     * emails, whose answer depends on when the court received it.
     */
    public void appendAsReceived(Path eml) throws Exception {
        MimeMessage m = HelpMailbox.parse(Files.readAllBytes(eml));
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "helpdesk", desk.getPassword());
            Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new Message[] {m}); // Jakarta Mail sends the message's Date as its INTERNALDATE
        }
    }

    public void deliver(byte[] raw) throws Exception {
        desk.deliver(HelpMailbox.parse(raw));
    }

    /** Every message delivered by SMTP to any mailbox other than the help desks': the replies the filers got. */
    public List<MimeMessage> repliesReceived() throws Exception {
        List<MimeMessage> out = new ArrayList<>();
        var imap = greenMail.getManagers().getImapHostManager();
        for (GreenMailUser u : greenMail.getUserManager().listUser()) {
            if (desks.values().stream().anyMatch(d -> d.getEmail().equalsIgnoreCase(u.getEmail()))) continue;
            for (var stored : imap.getInbox(u).getMessages()) out.add(stored.getMimeMessage());
        }
        return out;
    }

    /** The messages of one of the help desk's folders, read over IMAP as a mail client would. */
    public List<MimeMessage> folderMessages(String folder) throws Exception {
        return folderMessages("helpdesk", folder);
    }

    /** The messages of a folder of the help desk account {@code login}. */
    public List<MimeMessage> folderMessages(String login, String folder) throws Exception {
        Session session = Session.getInstance(new Properties());
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), login, desks.get(login).getPassword());
            Folder f = store.getFolder(folder);
            if (!f.exists()) return List.of();
            f.open(Folder.READ_ONLY);
            List<MimeMessage> out = new ArrayList<>();
            for (Message m : f.getMessages()) out.add(new MimeMessage((MimeMessage) m));
            f.close(false);
            return out;
        }
    }

    /** How many messages a folder of the help desk holds (0 when it does not exist). */
    public int folderCount(String folder) throws Exception {
        return folderCount("helpdesk", folder);
    }

    /** How many messages a folder of the help desk account {@code login} holds (0 when it does not exist). */
    public int folderCount(String login, String folder) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), login, desks.get(login).getPassword());
            Folder f = store.getFolder(folder);
            return f.exists() ? f.getMessageCount() : 0;
        }
    }

    /** Message-IDs of a folder's messages, with whether each is \Flagged. */
    public Map<String, Boolean> folderIds(String folder) throws Exception {
        Session session = Session.getInstance(new Properties());
        Map<String, Boolean> out = new HashMap<>();
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "helpdesk", desk.getPassword());
            Folder f = store.getFolder(folder);
            if (!f.exists()) return out;
            f.open(Folder.READ_ONLY);
            Message[] all = f.getMessages();
            // one FETCH for the whole folder, not two round trips per message (a folder of 1,000 took 80 s)
            jakarta.mail.FetchProfile profile = new jakarta.mail.FetchProfile();
            profile.add(jakarta.mail.FetchProfile.Item.FLAGS);
            profile.add("Message-ID");
            f.fetch(all, profile);
            for (Message m : all) {
                String[] id = m.getHeader("Message-ID");
                out.put(id == null ? "(none)" : id[0].replaceAll("\\s+", ""), m.isSet(jakarta.mail.Flags.Flag.FLAGGED));
            }
            f.close(false);
        }
        return out;
    }

    /** What a clerk's mail client does: delete a message from a folder and expunge it. */
    public void deleteMessage(String folder, String messageId) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "helpdesk", desk.getPassword());
            Folder f = store.getFolder(folder);
            f.open(Folder.READ_WRITE);
            for (Message m : f.getMessages()) {
                String[] id = m.getHeader("Message-ID");
                if (id != null && id[0].trim().equals(messageId)) m.setFlag(jakarta.mail.Flags.Flag.DELETED, true);
            }
            f.close(true);
        }
    }

    /** What a user does in a mail client: delete a whole folder with what is in it. */
    public void deleteFolder(String folder) throws Exception {
        try (Store store = Session.getInstance(new Properties()).getStore("imap")) {
            store.connect("127.0.0.1", greenMail.getImap().getPort(), "helpdesk", desk.getPassword());
            Folder f = store.getFolder(folder);
            if (f.exists() && !f.delete(true)) throw new IllegalStateException("could not delete " + folder);
        }
    }

    @Override
    public void close() {
        greenMail.stop();
    }
}
