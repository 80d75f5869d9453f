package mailclerk.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a queued message is in the console: {@code /message/<uid>[/<action>]}, with {@code ?mailbox=<id>} when the
 * configuration has several mailboxes (a UID means nothing without its mailbox). The one mailbox of a configuration
 * without {@code mailboxes} (id "") keeps the plain paths.
 */
public final class MessagePath {
    private MessagePath() {
    }

    public static String of(String mailbox, long uid) {
        return of(mailbox, uid, null);
    }

    /** {@code action}: "send", "claim" ...; null for the message page itself. */
    public static String of(String mailbox, long uid, String action) {
        String path = "/message/" + uid + (action == null ? "" : "/" + action);
        return mailbox == null || mailbox.isEmpty() ? path
                : path + "?mailbox=" + URLEncoder.encode(mailbox, StandardCharsets.UTF_8);
    }
}
