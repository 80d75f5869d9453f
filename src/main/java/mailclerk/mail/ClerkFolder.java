package mailclerk.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.eclipse.angus.mail.imap.IMAPFolder;

/**
 * The clerks' queue: the Needs-Clerk folder over IMAP. A clerk who moves a message out of it in a mail client has
 * taken it off the queue; the console reads the folder each time rather than keeping its own list.
 */
public final class ClerkFolder implements AutoCloseable {
    private final Store store;
    private final IMAPFolder folder;
    private final Folders folders;

    private ClerkFolder(Store store, IMAPFolder folder, Folders folders) {
        this.store = store;
        this.folder = folder;
        this.folders = folders;
    }

    public static ClerkFolder open(ServerSettings settings, Folders folders) throws MessagingException {
        Store store = ImapFolders.connect(settings, null);
        try {
            IMAPFolder f = (IMAPFolder) store.getFolder(folders.needsClerk());
            if (!f.exists()) f.create(Folder.HOLDS_MESSAGES);
            f.open(Folder.READ_WRITE);
            return new ClerkFolder(store, f, folders);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public long uidValidity() throws MessagingException {
        return folder.getUIDValidity();
    }

    /**
     * Oldest first. The listing fetches the raw header fields and never the IMAP ENVELOPE: Jakarta Mail refuses an
     * envelope whose address list it cannot parse (Outlook's {@code 'a@b' <a@b>}, a bare name, {@code <>} in a
     * list), and one such message would take the whole queue down for every clerk.
     */
    public List<QueuedMessage> list() throws MessagingException {
        Message[] all = folder.getMessages();
        folder.fetch(all, listing());
        List<QueuedMessage> out = new ArrayList<>();
        for (Message m : all) {
            if (m.isExpunged()) continue;
            out.add(describe(m));
        }
        out.sort(Comparator.comparing(QueuedMessage::received));
        return out;
    }

    private static FetchProfile listing() {
        FetchProfile fp = new FetchProfile();
        for (String h : LISTED_HEADERS) fp.add(h);
        fp.add(IMAPFolder.FetchProfileItem.INTERNALDATE);
        fp.add(FetchProfile.Item.SIZE);
        fp.add(UIDFolder.FetchProfileItem.UID);
        return fp;
    }

    private static final String[] LISTED_HEADERS = {"From", "Subject", "Message-ID", "Date"};

    private QueuedMessage describe(Message m) throws MessagingException {
        java.util.Date d = m.getReceivedDate();
        String id = first(m, "Message-ID");
        String subject = MessageReader.decode(MessageReader.unfold(first(m, "Subject")));
        Sender sender = Sender.of(MessageReader.unfold(first(m, "From")));
        if (id != null) {
            java.util.regex.Matcher mm = MessageReader.MSG_ID.matcher(id);
            id = mm.find() ? mm.group() : id.strip();
        }
        return new QueuedMessage(folder.getUID(m), d == null ? java.time.Instant.EPOCH : d.toInstant(), sender,
                MessageReader.clean(subject), id, m.getSize());
    }

    private static String first(Message m, String header) throws MessagingException {
        String[] v = m.getHeader(header);
        return v == null || v.length == 0 ? null : v[0];
    }

    /** The message, whole when it is within {@code maxBytes}, else its header only (it was flagged as too large). */
    public Optional<FetchedMessage> fetch(long uid, long maxBytes) throws MessagingException {
        Message m = folder.getMessageByUID(uid);
        if (m == null || m.isExpunged()) return Optional.empty();
        folder.fetch(new Message[] {m}, listing()); // getSize() alone would load the envelope, which may not parse
        long size = m.getSize();
        try {
            if (size > maxBytes) {
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                for (Enumeration<String> lines = ((MimeMessage) m).getAllHeaderLines(); lines.hasMoreElements(); ) {
                    header.write((lines.nextElement() + "\r\n").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                    if (header.size() > 2 * 1024 * 1024) break;
                }
                header.write("\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                return Optional.of(new FetchedMessage(uid, size, null, header.toByteArray()));
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream((int) Math.max(1024, size));
            m.writeTo(raw);
            return Optional.of(new FetchedMessage(uid, size, raw.toByteArray(), null));
        } catch (IOException e) {
            throw new MessagingException("cannot read message " + uid, e);
        }
    }

    public Optional<QueuedMessage> describe(long uid) throws MessagingException {
        Message m = folder.getMessageByUID(uid);
        if (m == null || m.isExpunged()) return Optional.empty();
        folder.fetch(new Message[] {m}, listing());
        return Optional.of(describe(m));
    }

    /** Takes a message off the queue: clears \Flagged and moves it to {@code destination}. False if it was gone. */
    public boolean resolve(long uid, String destination) throws MessagingException {
        Message m = folder.getMessageByUID(uid);
        if (m == null || m.isExpunged()) return false;
        folder.setFlags(new Message[] {m}, new Flags(Flags.Flag.FLAGGED), false);
        ImapFolders.move(store, folder, m, destination);
        return true;
    }

    public void appendSent(MimeMessage reply) throws MessagingException {
        Folder sent = store.getFolder(folders.sent());
        if (!sent.exists()) sent.create(Folder.HOLDS_MESSAGES);
        reply.setFlag(Flags.Flag.SEEN, true);
        sent.appendMessages(new Message[] {reply});
    }

    @Override
    public void close() {
        ImapFolders.closeQuietly(folder, store);
    }
}
