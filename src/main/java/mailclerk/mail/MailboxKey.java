package mailclerk.mail;

import java.util.Locale;

/**
 * The name a help mailbox goes by in the journal, its lease, its UID mark and its metrics: the IMAP account and
 * inbox ({@code user@host:port/inbox}, lower case). The responder and the console compute it from the same
 * settings, so the console finds the records the responder wrote for that account and no other's.
 */
public final class MailboxKey {
    private MailboxKey() {
    }

    public static String of(ServerSettings imap, Folders folders) {
        return (imap.user() + "@" + imap.host() + ":" + imap.port() + "/" + folders.inbox()).toLowerCase(Locale.ROOT);
    }
}
