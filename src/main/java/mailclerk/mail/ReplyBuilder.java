package mailclerk.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Builds replies from a received message. Nothing taken from the message reaches a header without being
 * cleaned: subjects lose control characters (so CR/LF cannot start a new header) and are RFC 2047 encoded by
 * Jakarta Mail; message ids are kept only when they have the {@code <local@domain>} shape.
 */
public final class ReplyBuilder {
    /** Prefix of every Message-ID we generate, so that a reply to one of ours is recognised even without the journal. */
    public static final String ID_PREFIX = "mailclerk.";
    private static final Pattern SAFE_ID = Pattern.compile("<[!-;=?-~]{1,250}@[!-;=?-~]{1,250}>");
    private static final Pattern RE_PREFIX = Pattern.compile("(?i)^\\s*+(?:re|aw|sv|antw|r)\\s*+(?:\\[\\d{1,9}\\])?\\s*+:\\s*+");
    private static final int MAX_REFERENCES = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private ReplyBuilder() {
    }

    /** "Re: " + the original subject without its own Re:/AW: prefixes, cleaned and bounded. */
    public static String replySubject(String original) {
        String s = MessageReader.clean(original);
        s = mailclerk.classify.Preprocessor.stripLeading(RE_PREFIX, s);
        if (s.length() > 200) s = s.substring(0, 200);
        return s.isEmpty() ? "Re: your message to the help desk" : "Re: " + s;
    }

    public static String newMessageId(String domain) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "<" + ID_PREFIX + System.currentTimeMillis() + "." + HexFormat.of().formatHex(b) + "@" + domain + ">";
    }

    public static boolean isSafeMessageId(String id) {
        return id != null && SAFE_ID.matcher(id).matches();
    }

    /** References for the reply: the original's (bounded, valid ids only) followed by its Message-ID. */
    public static String references(IncomingMessage original) {
        List<String> ids = new ArrayList<>();
        for (String r : original.headers().all("References")) {
            for (String token : r.split("\\s+")) if (isSafeMessageId(token)) ids.add(token);
        }
        if (ids.isEmpty()) {
            for (String r : original.headers().all("In-Reply-To")) {
                for (String token : r.split("\\s+")) if (isSafeMessageId(token)) ids.add(token);
            }
        }
        if (isSafeMessageId(original.messageId())) ids.add(original.messageId());
        if (ids.size() > MAX_REFERENCES) {
            // keep the thread's root and the most recent ones (RFC 5322 §3.6.4 allows trimming the middle)
            List<String> kept = new ArrayList<>(List.of(ids.get(0)));
            kept.addAll(ids.subList(ids.size() - (MAX_REFERENCES - 1), ids.size()));
            ids = kept;
        }
        return ids.isEmpty() ? null : String.join(" ", ids);
    }

    public static Reply reply(IncomingMessage original, InternetAddress from, InternetAddress to, String body,
                              boolean automatic) {
        String domain = from.getAddress().substring(from.getAddress().indexOf('@') + 1).toLowerCase(Locale.ROOT);
        String inReplyTo = isSafeMessageId(original.messageId()) ? original.messageId() : null;
        return new Reply(from, to, replySubject(original.subject()), body, newMessageId(domain), inReplyTo,
                references(original), automatic);
    }

    /** The MIME message for a reply; its Message-ID stays the one recorded in the journal. */
    public static MimeMessage toMime(Reply r, Session session) throws MessagingException {
        MimeMessage m = new FixedIdMessage(session, r.messageId());
        m.setFrom(r.from());
        m.setRecipient(MimeMessage.RecipientType.TO, r.to());
        m.setSubject(r.subject(), "UTF-8");
        m.setSentDate(new Date());
        if (r.inReplyTo() != null) m.setHeader("In-Reply-To", r.inReplyTo());
        if (r.references() != null) m.setHeader("References", r.references());
        if (r.automatic()) {
            m.setHeader("Auto-Submitted", "auto-replied");
            m.setHeader("X-Auto-Response-Suppress", "All");
        }
        m.setText(r.body(), "UTF-8", "plain");
        m.saveChanges();
        return m;
    }

    /** A single, validated address for a reply, or null if it cannot be one. */
    public static InternetAddress singleAddress(String address) {
        if (address == null || address.isBlank() || address.length() > 254) return null;
        if (address.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == ',' || c == ';' || c == '<' || c == '>')) return null;
        try {
            InternetAddress a = new InternetAddress(address, true);
            a.validate();
            return new InternetAddress(a.getAddress());
        } catch (MessagingException e) {
            return null;
        }
    }

    public static InternetAddress named(String address, String name) {
        try {
            return new InternetAddress(address, name, "UTF-8");
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class FixedIdMessage extends MimeMessage {
        private final String id;

        FixedIdMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
