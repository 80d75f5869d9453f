package mailclerk.classify;

import java.util.regex.Pattern;

/** The filer's own words, ready for the classifier: subject plus body without quotes, signatures or footers. */
public final class Preprocessor {
    private static final Pattern FORWARD_SUBJECT = Pattern.compile("(?i)^\\s*+(fwd?|fw)\\s*+:");
    /** One prefix; a subject of thousands of "Re: " is stripped one at a time (a repeated group would recurse). */
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^\\s*+(?:re|aw|sv|fwd?|fw)\\s*+(?:\\[\\d{1,9}\\])?\\s*+:\\s*+");

    private Preprocessor() {
    }

    /** What the filer wrote in this message: the body without quotes, signatures or footers. */
    public static String ownWords(String subject, String body) {
        boolean forward = subject != null && FORWARD_SUBJECT.matcher(subject).lookingAt();
        return QuoteStripper.strip(body == null ? "" : body, forward);
    }

    /** The text the classifier sees: the subject without Re:/Fwd: and the filer's own words. */
    public static String messageText(String subject, String ownWords) {
        String s = subject == null ? "" : subject;
        return (stripLeading(REPLY_PREFIX, s) + "\n" + ownWords).strip();
    }

    /** {@code s} without any number of leading matches of {@code one}, in time linear in their length. */
    public static String stripLeading(Pattern one, String s) {
        java.util.regex.Matcher m = one.matcher(s);
        int at = 0;
        while (m.region(at, s.length()).lookingAt() && m.end() > at) at = m.end();
        return s.substring(at);
    }

    public static String[] tokens(String subject, String body) {
        return Tokens.of(messageText(subject, ownWords(subject, body)));
    }
}
