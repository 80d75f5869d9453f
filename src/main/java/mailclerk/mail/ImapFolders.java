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
        Folder dest = store.getFolder(destination);
        if (!dest.exists()) dest.create(Folder.HOLDS_MESSAGES);
        org.eclipse.angus.mail.imap.AppendUID[] landed = null;
        try {
            if (store instanceof org.eclipse.angus.mail.imap.IMAPStore imap && imap.hasCapability("MOVE")) {
                landed = from.moveUIDMessages(new Message[] {m}, dest);
            } else {
                // RFC 3501 servers without MOVE: copy, then remove just this message (UID EXPUNGE where supported)
                landed = from.copyUIDMessages(new Message[] {m}, dest);
                m.setFlag(Flags.Flag.DELETED, true);
                from.expunge(new Message[] {m});
            }
        } catch (RuntimeException e) {
            // Angus fails reading an empty COPYUID answer (the message was deleted meanwhile) after the server
            // carried out the command; where it did not, the next poll finds the message filed and moves it again
            return Filed.UNKNOWN_PLACE;
        }
        if (landed == null || landed.length != 1 || landed[0] == null) return Filed.UNKNOWN_PLACE;
        return new Filed(true, landed[0].uidvalidity, landed[0].uid);
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
