package mailclerk.mail;

import java.util.Locale;

/**
 * The name a help mailbox goes by in the journal, its lease, its UID mark and its metrics: the IMAP account and
 * inbox ({@code user@host:port/inbox}, lower case). The responder and the console compute it from the same
 * settings, so the console finds the records the responder wrote for that account and no other's. Nodes that reach
 * one account by different host names or ports (a proxy, a second DNS name) must name it alike with
 * {@code imap.account-name}: with two names they would take two leases and both poll it.
 */
public final class MailboxKey {
    private MailboxKey() {
    }

    public static String of(ServerSettings imap, Folders folders) {
        String account = imap.accountName() == null || imap.accountName().isBlank()
                ? imap.user() + "@" + imap.host() + ":" + imap.port() : imap.accountName();
        return (account + "/" + folders.inbox()).toLowerCase(Locale.ROOT);
    }
}
