package mailclerk.queue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The key that makes two records one message, for the one-reply claim ({@link Replies}): two desks that both receive
 * a filer's message (To one, Cc the other) hold two copies with the same Message-ID. Mail without a Message-ID gets a
 * fingerprint of what a copy keeps: sender, Date header, subject and text.
 */
public final class MessageKeys {
    /** Message-IDs are cut here: the key must fit a primary-key index (500 characters are at most 2,000 bytes). */
    private static final int ID_CHARS = 500;

    private MessageKeys() {
    }

    /** The key of a message with this Message-ID; null without one (see {@link #of}). */
    public static String ofMessageId(String messageId) {
        if (messageId == null || messageId.isBlank()) return null;
        String id = messageId.strip();
        return "mid:" + (id.length() > ID_CHARS ? id.substring(0, ID_CHARS) : id);
    }

    /** The Message-ID's key, or without one a fingerprint of sender, date (as written), subject and text. */
    public static String of(String messageId, String sender, String date, String subject, String text) {
        String byId = ofMessageId(messageId);
        if (byId != null) return byId;
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {sender, date, subject, text}) {
                sha.update((part == null ? "" : part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return "fp:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
