package mailclerk.classify;

import java.util.regex.Pattern;

/** The filer's own words, ready for the classifier: subject plus body without quotes, signatures or footers. */
public final class Preprocessor {
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("(?i)^\\s*(fwd?|fw)\\s*:.*");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*((re|aw|sv|fwd?|fw)\\s*(\\[\\d+\\])?\\s*:\\s*)+");

    private Preprocessor() {
    }

    /** The text the classifier sees for a message. */
    public static String messageText(String subject, String body) {
        String s = subject == null ? "" : subject;
        boolean forward = FORWARD_SUBJECT.matcher(s).matches();
        String ownWords = QuoteStripper.strip(body == null ? "" : body, forward);
        return (REPLY_PREFIX.matcher(s).replaceFirst("") + "\n" + ownWords).strip();
    }

    public static String[] tokens(String subject, String body) {
        return Tokens.of(messageText(subject, body));
    }
}
