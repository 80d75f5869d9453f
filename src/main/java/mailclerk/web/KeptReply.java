package mailclerk.web;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reply a clerk sent after their session had ended. It is carried through the new sign-in in the browser's own
 * form (nothing is stored on the server without a session) and shown again, filled in; it is sent only when the
 * clerk presses Send again, with the new session's CSRF token.
 */
public record KeptReply(long uid, String mailbox, String topic, String body) {
    private static final Pattern SEND = Pattern.compile("/message/(\\d{1,18})/send");
    private static final Pattern TOPIC = Pattern.compile("[a-z0-9-]{1,80}");
    private static final int MAX_MAILBOX = 200;

    /** The reply in a post to a send path; empty for any other post or a field out of shape. */
    static Optional<KeptReply> of(String path, String mailbox, String topic, String body) {
        Matcher m = SEND.matcher(path == null ? "" : path);
        if (!m.matches() || topic == null || !TOPIC.matcher(topic).matches() || body == null) return Optional.empty();
        if (mailbox != null && (mailbox.length() > MAX_MAILBOX || mailbox.isBlank())) mailbox = null;
        return Optional.of(new KeptReply(Long.parseLong(m.group(1)), mailbox, topic, body));
    }

    /** As the login form carries it back (kept-uid, kept-mailbox, kept-topic, kept-body). */
    static Optional<KeptReply> carried(String uid, String mailbox, String topic, String body) {
        if (uid == null || !uid.matches("\\d{1,18}")) return Optional.empty();
        return of("/message/" + uid + "/send", mailbox, topic, body);
    }

    public String sendPath() {
        return MessagePath.of(mailbox, uid, "send");
    }

    public String messagePath() {
        return MessagePath.of(mailbox, uid);
    }

    public String mailboxOrEmpty() {
        return mailbox == null ? "" : mailbox;
    }
}
