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

    /**
     * Where a sentence starts a second question: ", and" / "; " / " and " (optionally "also" or "then") followed by
     * an auxiliary and its subject ("..., and would we need to...?", "... and do I also...?"). Not "have" or "do it"
     * ("can I print the receipt and have it on file" goes on with the same request), not "or" ("do I use PACER, or
     * do I use my old login?" is one question between two answers) and not a bare comma ("If I linked my account,
     * do I still need my old login?" is one question after a condition). Plain alternations, a possessive run of
     * spaces and a bounded look-ahead: linear time.
     */
    private static final Pattern SECOND_QUESTION = secondQuestion("we|i|you|they|he|she|it|there", "we|i|you|they");
    /**
     * In a sentence that ends in "?", a noun subject as well ("..., and does the attorney need his own card?", "...
     * and can our paralegals..."), but not after "do" ("should I log out and do the link again?" goes on with the
     * same question). Not in other sentences: "the card was declined and is the same one" goes on with what it
     * was saying.
     */
    private static final Pattern SECOND_QUESTION_NOUN = secondQuestion(
            "we|i|you|they|he|she|it|there|the|a|an|our|my|your|his|her|their|each|every|all|any|this|that|these|those"
                    + "|someone|anyone|everyone",
            "we|i|you|they");

    private static Pattern secondQuestion(String subjects, String subjectsOfDo) {
        return Pattern.compile("(?:,\\s*+and|;|\\band)\\s++(?:(?:also|then)\\s++)?"
                + "(?=(?:(?:would|does|did|can|could|should|is|are|am|was|were|will|may|must)\\s++(?:" + subjects + ")"
                + "|do\\s++(?:" + subjectsOfDo + "))\\b)", Pattern.CASE_INSENSITIVE);
    }

    /**
     * A sentence that asks how to do two things at once ("..., and while I'm at it I'd like to save my card - how do
     * I do both?"): each of its parts is a request, whatever its form. Not "we both" or "both accounts" (one thing,
     * two people or two of it): only doing both, or both of these.
     */
    private static final Pattern ASKS_FOR_BOTH = Pattern.compile(
            "\\b(?:do|doing|handle|manage|accomplish|complete|fix|set up|get) both\\b"
                    + "|\\bboth (?:of )?(?:these|those|them|things|steps|tasks|of the above)\\b|\\bboth at once\\b");
    /**
     * A part that only asks how to do the others, and names nothing itself: "how do I do both?", "can I do both at
     * once?". Not "can I get both refunded?" (that part says what is asked).
     */
    private static final Pattern ONLY_ASKS_FOR_BOTH = Pattern.compile(
            "(?:(?:so|and|but|then),? )?(?:how|what|can|could|should|would|is there a way|whats the way)(?: do| can| should| would)?"
                    + "(?: i| we| you)?(?: to)? (?:do|handle|manage|accomplish|complete|set up|get|fix) both(?: of (?:these|those|them))?"
                    + "(?: at once| at the same time)?\\W*");

    /**
     * Where a sentence that asks for both splits into its parts: ", and", " - ", ";", "and while", "and also". No
     * leading run of spaces, and a dash run only from its first dash: each start position is tried in constant time.
     */
    private static final Pattern PART = Pattern.compile("(?:,\\s*+and\\b|(?<!-)-++(?=\\s)|;|\\band (?=while\\b|also\\b))\\s*+",
            Pattern.CASE_INSENSITIVE);

    private Requests() {
    }

    /** Whether the sentence asks how to do two things at once: each of its {@link #clauses} is then a request. */
    public static boolean asksForBoth(String sentence) {
        return ASKS_FOR_BOTH.matcher(plain(sentence)).find();
    }

    /**
     * The parts of a sentence that asks for both, without the short part that only asks ("how do I do both?"): what
     * it asks about is in the other parts, and read alone it is about nothing.
     */
    public static List<String> partsAskedFor(String sentence) {
        List<String> parts = clauses(sentence);
        if (parts.size() < 2) return parts;
        List<String> out = new ArrayList<>();
        for (String p : parts) if (!ONLY_ASKS_FOR_BOTH.matcher(plain(p)).matches()) out.add(p);
        return out.isEmpty() ? parts : out;
    }

    /** The message's sentences (and lines: mail often has no punctuation), in order. */
    public static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : SENTENCE_END.split(text)) {
            if (!s.isBlank()) out.add(s.strip());
        }
        return out;
    }

    /**
     * The sentence's clauses: one, or more when it joins a second question to the first ("Can our staff keep using
     * the firm's account, and would we need to register again?" is two questions). Each clause after the first
     * starts at its auxiliary ("would we need to register again?"). A sentence that asks for both ({@link
     * #asksForBoth}) splits at its parts instead.
     */
    public static List<String> clauses(String sentence) {
        List<String> out = new ArrayList<>();
        for (String part : asksForBoth(sentence) ? split(sentence, PART) : List.of(sentence)) {
            // a part of a sentence that asks for both may itself join a second question ("..., and would it cost...?")
            out.addAll(split(part, part.strip().endsWith("?") || sentence.strip().endsWith("?") ? SECOND_QUESTION_NOUN
                    : SECOND_QUESTION));
        }
        return out;
    }

    private static List<String> split(String sentence, Pattern at) {
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = at.matcher(sentence);
        int start = 0;
        while (m.find()) {
            String before = sentence.substring(start, m.start()).strip();
            if (!before.isEmpty()) out.add(before);
            start = m.end();
        }
        String rest = sentence.substring(start).strip();
        if (!rest.isEmpty()) out.add(rest);
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

    /**
     * Lower case, typographic apostrophes and the apostrophe itself dropped ("can't" and "cant" alike), except in
     * "we're", which would become the question opener "were" ("We're a two-attorney firm." asks nothing).
     */
    static String plain(String sentence) {
        String s = sentence.strip().toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        return WE_ARE.matcher(s).replaceAll("we are").replace("'", "");
    }

    private static final Pattern WE_ARE = Pattern.compile("\\bwe're\\b");
}
