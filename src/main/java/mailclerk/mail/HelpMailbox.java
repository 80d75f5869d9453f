package mailclerk.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.angus.mail.iap.Response;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.protocol.BODY;
import org.eclipse.angus.mail.imap.protocol.FetchResponse;
import org.eclipse.angus.mail.imap.protocol.RFC822SIZE;
import org.eclipse.angus.mail.imap.protocol.UID;

/**
 * The help mailbox over IMAP: what arrived after a UID, fetched in batches, and the filing of each message into
 * its final folder. One instance is one connection for one poll.
 */
public final class HelpMailbox implements AutoCloseable {
    /** Messages per batch: each batch costs a few commands and commits, whatever its size (bytes bound it too). */
    private static final int BATCH = 100;
    /** Headers beyond this are not fetched (the reader's own header limits are far lower). */
    private static final int HEADER_LIMIT = 2 * 1024 * 1024;
    private static final long HEADER_ESTIMATE = 64 * 1024;
    private final Store store;
    private final Folders folders;
    private final IMAPFolder inbox;

    private HelpMailbox(Store store, Folders folders, IMAPFolder inbox) {
        this.store = store;
        this.folders = folders;
        this.inbox = inbox;
    }

    public static HelpMailbox open(ServerSettings settings, Folders folders) throws MessagingException {
        return open(settings, folders, null);
    }

    /** As {@link #open(ServerSettings, Folders)}, writing the IMAP conversation to {@code trace} (benchmarks, tests). */
    public static HelpMailbox open(ServerSettings settings, Folders folders, java.io.PrintStream trace)
            throws MessagingException {
        Store store = ImapFolders.connect(settings, trace);
        try {
            for (String name : List.of(folders.answered(), folders.needsClerk(), folders.ignored(), folders.sent())) {
                Folder f = store.getFolder(name);
                if (!f.exists() && !f.create(Folder.HOLDS_MESSAGES)) {
                    throw new MessagingException("cannot create folder " + name);
                }
            }
            IMAPFolder inbox = (IMAPFolder) store.getFolder(folders.inbox());
            inbox.open(Folder.READ_WRITE);
            return new HelpMailbox(store, folders, inbox);
        } catch (MessagingException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public long uidValidity() throws MessagingException {
        return inbox.getUIDValidity();
    }

    /** The UID the next message will get (STATUS UIDNEXT): everything below it has arrived already. */
    public long uidNext() throws MessagingException {
        return inbox.getUIDNext();
    }

    /**
     * The UIDs above {@code lastUid}, ascending. UIDNEXT (from SELECT) says whether anything arrived at all; if so,
     * one {@code UID FETCH lastUid+1:UIDNEXT-1 (UID)}. The cost depends on how many messages are new, not on how
     * many the mailbox holds.
     */
    public List<Long> uidsAfter(long lastUid) throws MessagingException {
        long next = inbox.getUIDNext();
        if (next > 0 && next - 1 <= lastUid) return List.of();
        long end = next > 0 ? next - 1 : UIDFolder.MAXUID;
        Message[] msgs = inbox.getMessagesByUID(lastUid + 1, end);
        List<Long> uids = new ArrayList<>();
        for (Message m : msgs) {
            if (m == null) continue;
            long uid = inbox.getUID(m);
            // "n:*" always includes the highest message, even when its UID is below n
            if (uid > lastUid) uids.add(uid);
        }
        uids.sort(Long::compare);
        return uids;
    }

    /** RFC822.SIZE of each message still there, in one command per 500 UIDs; a UID missing was deleted meanwhile. */
    public Map<Long, Long> sizes(List<Long> uids) throws MessagingException {
        Map<Long, Long> sizes = new LinkedHashMap<>();
        for (int i = 0; i < uids.size(); i += 500) {
            List<Long> part = uids.subList(i, Math.min(uids.size(), i + 500));
            for (FetchResponse r : uidFetch(part, "RFC822.SIZE")) {
                UID u = r.getItem(UID.class);
                RFC822SIZE s = r.getItem(RFC822SIZE.class);
                if (u != null && s != null) sizes.put(u.uid, s.size);
            }
        }
        return sizes;
    }

    /**
     * Splits UIDs into fetch batches of at most {@value #BATCH} messages and about {@code batchBytes} bytes, so that
     * one batch at a time is in memory however much mail is waiting. A message above {@code maxBytes} counts for
     * its header only.
     */
    public static List<List<Long>> batches(List<Long> uids, Map<Long, Long> sizes, long maxBytes, long batchBytes) {
        List<List<Long>> out = new ArrayList<>();
        List<Long> current = new ArrayList<>();
        long bytes = 0;
        for (long uid : uids) {
            long size = sizes.getOrDefault(uid, 0L);
            long cost = size > maxBytes ? HEADER_ESTIMATE : size;
            if (!current.isEmpty() && (current.size() >= BATCH || bytes + cost > batchBytes)) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(uid);
            bytes += cost;
        }
        if (!current.isEmpty()) out.add(current);
        return out;
    }

    /**
     * Fetches one batch: whole messages in one command ({@code UID FETCH a,b,c (UID BODY.PEEK[]<0.n>)}), and for
     * messages above {@code maxBytes} only the header. The partial fetch bounds what a server that misstates a
     * size can make us hold: a body that comes back longer than {@code maxBytes} is treated as too large.
     */
    public List<FetchedMessage> fetch(List<Long> uids, Map<Long, Long> sizes, long maxBytes) throws MessagingException {
        List<Long> small = new ArrayList<>();
        List<Long> large = new ArrayList<>();
        for (long uid : uids) {
            if (!sizes.containsKey(uid)) continue; // deleted meanwhile
            (sizes.get(uid) > maxBytes ? large : small).add(uid);
        }
        Map<Long, FetchedMessage> byUid = new LinkedHashMap<>();
        for (FetchResponse r : uidFetch(small, "INTERNALDATE BODY.PEEK[]<0." + (maxBytes + 1) + ">")) {
            UID u = r.getItem(UID.class);
            BODY b = r.getItem(BODY.class);
            if (u == null || b == null) continue;
            byte[] raw = bytes(b);
            if (raw.length > maxBytes) large.add(u.uid);
            else byUid.put(u.uid, new FetchedMessage(u.uid, sizes.get(u.uid), raw, null, received(r)));
        }
        for (FetchResponse r : uidFetch(large, "INTERNALDATE BODY.PEEK[HEADER]<0." + HEADER_LIMIT + ">")) {
            UID u = r.getItem(UID.class);
            BODY b = r.getItem(BODY.class);
            if (u != null && b != null) {
                byUid.put(u.uid, new FetchedMessage(u.uid, Math.max(sizes.get(u.uid), maxBytes + 1), null, bytes(b), received(r)));
            }
        }
        List<FetchedMessage> out = new ArrayList<>();
        for (long uid : uids) if (byUid.containsKey(uid)) out.add(byUid.get(uid));
        return out;
    }

    /** When the server took the message (INTERNALDATE), or null. */
    private static java.time.Instant received(FetchResponse r) {
        org.eclipse.angus.mail.imap.protocol.INTERNALDATE d = r.getItem(org.eclipse.angus.mail.imap.protocol.INTERNALDATE.class);
        return d == null || d.getDate() == null ? null : d.getDate().toInstant();
    }

    /** All of {@code uids} in one list (tests and benchmarks; the responder fetches batch by batch). */
    public List<FetchedMessage> fetch(List<Long> uids, long maxBytes) throws MessagingException {
        Map<Long, Long> sizes = sizes(uids);
        List<FetchedMessage> out = new ArrayList<>();
        for (List<Long> batch : batches(uids, sizes, maxBytes, Long.MAX_VALUE)) out.addAll(fetch(batch, sizes, maxBytes));
        return out;
    }

    private static byte[] bytes(BODY b) {
        try (InputStream in = b.getByteArrayInputStream()) {
            return in == null ? new byte[0] : in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private List<FetchResponse> uidFetch(List<Long> uids, String items) throws MessagingException {
        if (uids.isEmpty()) return List.of();
        StringBuilder set = new StringBuilder();
        for (long u : uids) {
            if (set.length() > 0) set.append(',');
            set.append(u);
        }
        Object result = inbox.doCommand(p -> {
            Response[] responses = p.command("UID FETCH " + set + " (UID " + items + ")", null);
            // untagged EXISTS / EXPUNGE still go to the folder, so its view of the mailbox stays right
            p.notifyResponseHandlers(java.util.Arrays.stream(responses)
                    .filter(r -> !(r instanceof FetchResponse) && !r.isTagged()).toArray(Response[]::new));
            p.handleResult(responses[responses.length - 1]);
            return responses;
        });
        List<FetchResponse> out = new ArrayList<>();
        for (Response r : (Response[]) result) if (r instanceof FetchResponse f) out.add(f);
        return out;
    }

    /** Parses fetched bytes into a message object without touching the server again. */
    public static MimeMessage parse(byte[] raw) throws MessagingException {
        return new MimeMessage(MailSessions.parsing(), new ByteArrayInputStream(raw));
    }

    /**
     * Files a batch: sets \Flagged (for the clerk's queue) and keywords, then moves each message to its folder, in a
     * few commands instead of two or three per message: one {@code UID STORE} per set of flags and keywords, one
     * {@code UID MOVE} (or COPY and EXPUNGE) per destination
     * folder. Each message's result is in the map: where it landed, {@link Filed#GONE}, or, when the command for its
     * folder failed, an entry in {@code failures} and none in the map (it stays in the inbox for the next poll).
     */
    public Map<Long, Filed> file(List<Filing> filings, Map<Long, String> failures) throws MessagingException {
        Map<Long, Filed> out = new LinkedHashMap<>();
        if (filings.isEmpty()) return out;
        long[] uids = filings.stream().mapToLong(Filing::uid).toArray();
        Message[] found = inbox.getMessagesByUID(uids);
        Map<Long, Message> byUid = new LinkedHashMap<>();
        for (int i = 0; i < uids.length; i++) {
            if (found[i] == null || found[i].isExpunged()) out.put(uids[i], Filed.GONE);
            else byUid.put(uids[i], found[i]);
        }
        boolean keywords = inbox.getPermanentFlags().contains(Flags.Flag.USER);
        Map<List<String>, List<Message>> byFlags = new LinkedHashMap<>();
        Map<String, List<Long>> byFolder = new LinkedHashMap<>();
        for (Filing f : filings) {
            Message m = byUid.get(f.uid());
            if (m == null) continue;
            List<String> set = new ArrayList<>();
            if (f.flagged()) set.add("\\Flagged");
            if (keywords) for (String k : f.keywords()) set.add(keyword(k));
            if (!set.isEmpty()) byFlags.computeIfAbsent(set, k -> new ArrayList<>()).add(m);
            byFolder.computeIfAbsent(f.folder(), k -> new ArrayList<>()).add(f.uid());
        }
        for (Map.Entry<List<String>, List<Message>> e : byFlags.entrySet()) {
            Flags flags = new Flags();
            for (String k : e.getKey()) {
                if (k.equals("\\Flagged")) flags.add(Flags.Flag.FLAGGED);
                else flags.add(k);
            }
            try {
                inbox.setFlags(e.getValue().toArray(new Message[0]), flags, true);
            } catch (MessagingException ex) {
                if (!inbox.isOpen()) throw ex;
                // not moved without its flags: the clerks' queue finds flagged mail by \Flagged
                for (Message m : e.getValue()) failures.put(inbox.getUID(m), String.valueOf(ex.getMessage()));
            }
        }
        for (Map.Entry<String, List<Long>> e : byFolder.entrySet()) {
            List<Long> folderUids = new ArrayList<>(e.getValue());
            folderUids.removeIf(failures::containsKey);
            if (folderUids.isEmpty()) continue;
            Message[] ms = folderUids.stream().map(byUid::get).toArray(Message[]::new);
            try {
                Filed[] landed = ImapFolders.move(store, inbox, ms, e.getKey());
                for (int i = 0; i < ms.length; i++) out.put(folderUids.get(i), landed[i]);
            } catch (MessagingException ex) {
                if (!inbox.isOpen()) throw ex; // the connection is gone: nothing else can be filed either
                for (long uid : folderUids) failures.put(uid, String.valueOf(ex.getMessage()));
            }
        }
        return out;
    }

    private static String keyword(String k) {
        return k.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-");
    }

    /** False once the server or the network dropped the connection (the inbox is closed under us). */
    public boolean connected() {
        return inbox.isOpen();
    }

    /** Puts messages in the inbox (the benchmark's backlog). */
    public void appendInbox(List<MimeMessage> messages) throws MessagingException {
        inbox.appendMessages(messages.toArray(new Message[0]));
    }

    /**
     * Copies replies to the Sent folder, read. Where the server has MULTIAPPEND (RFC 3502) they go in one
     * {@code APPEND} command, which the server stores in one go (Dovecot: one write and sync, not one per reply).
     */
    public void appendSent(List<MimeMessage> replies) throws MessagingException {
        if (replies.isEmpty()) return;
        for (MimeMessage r : replies) r.setFlag(Flags.Flag.SEEN, true);
        if (replies.size() > 1 && store instanceof org.eclipse.angus.mail.imap.IMAPStore imap && imap.hasCapability("MULTIAPPEND")) {
            multiAppend(folders.sent(), replies);
            return;
        }
        store.getFolder(folders.sent()).appendMessages(replies.toArray(new Message[0]));
    }

    private void multiAppend(String folder, List<MimeMessage> messages) throws MessagingException {
        org.eclipse.angus.mail.iap.Argument args = new org.eclipse.angus.mail.iap.Argument();
        args.writeString(org.eclipse.angus.mail.imap.protocol.BASE64MailboxEncoder.encode(folder));
        for (MimeMessage m : messages) {
            org.eclipse.angus.mail.iap.Argument seen = new org.eclipse.angus.mail.iap.Argument();
            seen.writeAtom("\\Seen");
            args.writeArgument(seen);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try {
                m.writeTo(new org.eclipse.angus.mail.util.CRLFOutputStream(bytes));
            } catch (IOException e) {
                throw new MessagingException("cannot write a reply for " + folder, e);
            }
            args.writeBytes(bytes.toByteArray());
        }
        inbox.doCommand(p -> {
            Response[] responses = p.command("APPEND", args);
            p.notifyResponseHandlers(java.util.Arrays.stream(responses).filter(r -> !r.isTagged()).toArray(Response[]::new));
            p.handleResult(responses[responses.length - 1]);
            return null;
        });
    }

    /** How many messages each of the responder's folders holds. */
    public Map<String, Integer> counts() throws MessagingException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : List.of(folders.inbox(), folders.needsClerk(), folders.answered(), folders.ignored(), folders.sent())) {
            Folder f = store.getFolder(name);
            out.put(name, f.exists() ? f.getMessageCount() : 0);
        }
        return out;
    }

    @Override
    public void close() {
        ImapFolders.closeQuietly(inbox, store);
    }
}
