package mailclerk.mail;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;

/** IMAP folder operations shared by the help mailbox and the clerks' folder. */
final class ImapFolders {
    private ImapFolders() {
    }

    /** A connected store for these settings; with {@code trace}, the IMAP conversation is written there. */
    static Store connect(ServerSettings settings, java.io.PrintStream trace) throws MessagingException {
        jakarta.mail.Session session = MailSessions.imap(settings);
        if (trace != null) {
            session.setDebugOut(trace);
            session.setDebug(true);
        }
        Store store = session.getStore(MailSessions.protocol("imap", settings));
        try {
            store.connect(settings.host(), settings.port(), settings.user(), settings.signIn().secret());
        } catch (jakarta.mail.AuthenticationFailedException e) {
            if (!settings.xoauth2()) throw e; // a wrong password stays wrong; retrying would only lock the account
            settings.signIn().refused(); // a token the server no longer takes: one retry with a fresh one
            store.connect(settings.host(), settings.port(), settings.user(), settings.signIn().secret());
        }
        return store;
    }

    /**
     * Moves one message: MOVE where the server has it, else COPY and remove just this message. Returns where it
     * landed when the server says (UIDPLUS), so that the journal can find it there by UID, not by a Message-ID
     * that any sender can reuse.
     */
    static Filed move(Store store, org.eclipse.angus.mail.imap.IMAPFolder from, Message m, String destination) throws MessagingException {
        return move(store, from, new Message[] {m}, destination)[0];
    }

    /** As above for several messages in one command; the result is in the order of {@code ms}. */
    static Filed[] move(Store store, org.eclipse.angus.mail.imap.IMAPFolder from, Message[] ms, String destination)
            throws MessagingException {
        Folder dest = store.getFolder(destination);
        if (!dest.exists()) dest.create(Folder.HOLDS_MESSAGES);
        org.eclipse.angus.mail.imap.AppendUID[] landed = null;
        Filed[] out = new Filed[ms.length];
        java.util.Arrays.fill(out, Filed.UNKNOWN_PLACE);
        try {
            if (store instanceof org.eclipse.angus.mail.imap.IMAPStore imap && imap.hasCapability("MOVE")) {
                landed = from.moveUIDMessages(ms, dest);
            } else {
                // RFC 3501 servers without MOVE: copy, then remove just these messages (UID EXPUNGE where supported)
                landed = from.copyUIDMessages(ms, dest);
                from.setFlags(ms, new Flags(Flags.Flag.DELETED), true);
                from.expunge(ms);
            }
        } catch (RuntimeException e) {
            // Angus fails reading an empty COPYUID answer (a message was deleted meanwhile) after the server
            // carried out the command; where it did not, the next poll finds the message filed and moves it again
            return out;
        }
        if (landed == null || landed.length != ms.length) return out;
        for (int i = 0; i < ms.length; i++) {
            if (landed[i] != null) out[i] = new Filed(true, landed[i].uidvalidity, landed[i].uid);
        }
        return out;
    }

    static void closeQuietly(Folder folder, Store store) {
        try {
            if (folder.isOpen()) folder.close(false);
        } catch (MessagingException | RuntimeException ignored) {
            // closing a broken connection: nothing left to do
        }
        try {
            store.close();
        } catch (MessagingException | RuntimeException ignored) {
            // as above
        }
    }
}
