package mailclerk.classify;

import java.util.regex.Pattern;

/** The filer's own words, ready for the classifier: subject plus body without quotes, signatures or footers. */
public final class Preprocessor {
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("(?i)^\\s*(fwd?|fw)\\s*:.*");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*((re|aw|sv|fwd?|fw)\\s*(\\[\\d+\\])?\\s*:\\s*)+");

    private Preprocessor() {
    }

    /** What the filer wrote in this message: the body without quotes, signatures or footers. */
    public static String ownWords(String subject, String body) {
        boolean forward = subject != null && FORWARD_SUBJECT.matcher(subject).matches();
        return QuoteStripper.strip(body == null ? "" : body, forward);
    }

    /** The text the classifier sees: the subject without Re:/Fwd: and the filer's own words. */
    public static String messageText(String subject, String ownWords) {
        String s = subject == null ? "" : subject;
        return (REPLY_PREFIX.matcher(s).replaceFirst("") + "\n" + ownWords).strip();
    }

    public static String[] tokens(String subject, String body) {
        return Tokens.of(messageText(subject, ownWords(subject, body)));
    }
}
