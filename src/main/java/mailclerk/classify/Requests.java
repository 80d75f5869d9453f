package mailclerk.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells the filer's requests from the background they give. "I upgraded my PACER account last week" is context;
 * "how do I link it?", "please help" and "now I can't get into CM/ECF" ask for something. Only requests count as a
 * possible second question: background sentences carry topic words without asking anything (issue 9).
 *
 * <p>A sentence is a request when it ends in "?", opens like a question, uses a request phrase, or reports a problem
 * happening now (a reported problem is an implicit "what do I do?"). All patterns are bounded or plain alternations,
 * so they run in linear time on any text.
 */
public final class Requests {
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.?!])\\s++|\\n++");
    private static final Pattern OPENS_AS_QUESTION = Pattern.compile(
            "^(?:(?:hi|hello|ok|okay|so|and|also|but|then|quick question|one more thing|question)[,:]?\\s++){0,3}"
                    + "(?:how|what|where|when|why|which|who|whom|can|could|would|will|should|shall|do|does|did|is|are|am"
                    + "|was|were|may|might|must|have|has|is there|any idea|any ideas)\\b");
    private static final Pattern REQUEST_PHRASE = Pattern.compile(
            "\\b(?:please|pls|plz|need (?:to know|help|some help|assistance|to figure|to find|advice|guidance)"
                    + "|help|let me know|wondering|wonder|would like|id like|want to know"
                    + "|trying to (?:figure|find|understand|get|log|link|pay|file)|not sure|unsure|advise|advice|tell me"
                    + "|explain|looking for|confused|guidance|assist|clarify|is it possible|do i have to|what now)\\b");
    /** A problem happening now: "doesn't work", not any negation ("we do not plan to..." is background). */
    private static final Pattern PROBLEM = Pattern.compile(
            "\\b(?:cant|cannot|can not|unable|wont (?:let|take|accept|work|go|load|open)|will not (?:let|take|accept|work)"
                    + "|(?:doesnt|does not|dont|do not|didnt|did not|isnt|is not|arent|are not) (?:work|working|let|show|showing|take|accept|appear|see)"
                    + "|not working|no longer work|error|errors|fails|failed|failing|declined|rejected|denied|invalid"
                    + "|not authorized|unauthorized|locked out|missing|forgot|forgotten|lost|stuck|problem|problems"
                    + "|having (?:an )?issues?|trouble|nothing happens|no access|no menus?)\\b");

    private Requests() {
    }

    /** The message's sentences (and lines: mail often has no punctuation), in order. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text)) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    /** Whether this sentence asks or requests something, or reports a problem (an implicit request). */
    public static boolean isRequest(String sentence) {
        String s = plain(sentence);
        if (s.endsWith("?")) return true;
        return OPENS_AS_QUESTION.matcher(s).find() || REQUEST_PHRASE.matcher(s).find() || PROBLEM.matcher(s).find();
    }

    /** The sentences that ask or request something. */
    public static List<String> requests(String text) {
        List<String> out = new ArrayList<>();
        for (String s : sentences(text)) if (isRequest(s)) out.add(s);
        return out;
    }

    /** Lower case, typographic apostrophes and the apostrophe itself dropped ("can't" and "cant" alike). */
    static String plain(String sentence) {
        return sentence.strip().toLowerCase(Locale.ROOT).replace("\u2019", "").replace("'", "");
    }
}
