package mailclerk.classify;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Whether what the filer asks is the reply's topic, or only what they tell. "I have my card stored in PACER for filing
 * fees. Is the courthouse open the day after Thanksgiving?" reads as the stored-card topic as a whole, because that is
 * where its topic words are; its one question is about something else. A reply must answer a question the filer asks.
 *
 * <p>The test is lenient on purpose, because the whole message already read as the topic: a request is about the topic
 * when the primary model's likeliest family for it is the topic's, or the second model's, or the embedding reader gives
 * the family at least {@link #READER_SUPPORT}, or (when the reader does not lean outside the FAQ for the request alone)
 * it does so with the sentences before it, where the request points back at them ("I don't have those anywhere. Can
 * they be reset?") or does not lean outside the FAQ by itself. A message is a clerk's only when no request is about the
 * topic and some request reads as outside the FAQ to both the embedding reader and the primary model (confidence at
 * least {@link #OUTSIDE_PRIMARY}): one model alone takes follow-on questions about what was told ("Can I file in the
 * meantime?") for questions outside the FAQ. A request read as another FAQ topic is left to the two-question check.
 * Requests that name nothing ("Please advise.", "What should I do now?", "Could you get back to me today?") are no
 * evidence either way and are skipped: they ask about what was told.
 *
 * <p>Measured (docs/classifier.md): of 420 statement + outside-question messages, the rule sends 21 more to a clerk
 * than without it; it flags 4 of the corpus's 2,298 FAQ questions in a greeting and a close; dev figures unchanged.
 */
public final class AskedTopic {
    /** The reader's least probability for the family in a request that is about it (the same bar as the whole text's). */
    static final double READER_SUPPORT = 0.2;
    private static final int MIN_TOKENS = 3;
    /** The primary model's least confidence that a request is outside the FAQ (the second-question bar's default). */
    static final double OUTSIDE_PRIMARY = 0.5;
    /** Characters of the sentence before a request read with it, as in {@link SentenceTopics}. */
    private static final int CONTEXT_CHARS = 300;

    /**
     * Words that carry no subject of their own in a request to a help desk: function words, courtesy, and the
     * generic asking words ("help", "advise", "next step", "this issue"). A request made only of these asks about what
     * the message told. Words of the FAQ's subjects (login, account, card, link, fee...) are deliberately absent.
     */
    private static final Set<String> GENERIC = Set.copyOf(List.of(
            "a", "an", "the", "i", "im", "ive", "id", "ill", "me", "my", "mine", "myself", "we", "us", "our", "ours", "you",
            "your", "it", "its", "this", "that", "these", "those", "there", "here", "is", "are", "am", "was", "were", "be",
            "been", "being", "do", "does", "did", "done", "doing", "dont", "doesnt", "didnt", "have", "has", "had", "having",
            "can", "could", "would", "will", "should", "shall", "may", "might", "must", "cant", "wont", "what", "whats", "how",
            "where", "when", "why", "which", "who", "whom", "whose", "if", "then", "so", "and", "or", "but", "to", "of",
            "in", "on", "at", "for", "with", "about", "from", "by", "as", "up", "out", "into", "just", "also", "still",
            "any", "anything", "anyone", "anybody", "someone", "somebody", "something", "else", "some", "all", "now",
            "again", "please", "pls", "plz", "kindly", "thanks", "thank", "hi", "hello", "dear", "ok", "okay", "not",
            "no", "yes", "very", "much", "greatly", "really", "help", "helping", "assist", "assistance", "advise",
            "advice", "guidance", "know", "let", "tell", "explain", "clarify", "need", "needed", "want", "like", "wondering",
            "wonder", "get", "got", "fix", "resolve", "sort", "proceed", "next", "step", "steps", "go", "going", "way",
            "right", "correct", "issue", "issues", "problem", "problems", "question", "questions", "matter", "situation",
            "work", "working", "look", "looking", "point", "direction", "information", "info", "suggestion",
            "suggestions", "idea", "ideas", "appreciate", "appreciated", "happen", "happening", "supposed", "make", "sure",
            "possible", "able", "try", "trying", "tried", "contact", "reach", "one", "thing", "things", "person", "people",
            "handle", "handles", "see", "attached", "attachment", "image", "screenshot", "below", "above", "advance",
            "desk", "clerk", "clerks", "office", "team", "staff", "support", "wrong", "option", "options", "here", "mean",
            "means", "meaning", "wait", "waiting", "delay", "long", "time", "soon", "take", "takes", "period", "cause",
            "causes", "causing", "caused", "reason", "happened", "ask", "court", "whos", "wheres", "hows", "reply", "respond",
            "response", "answer", "back", "today", "tomorrow", "earliest", "convenience", "quick", "quickly", "asap",
            "urgent", "urgently", "hear", "touch", "sorry", "bother", "busy", "forward", "meantime", "apologies", "apologize",
            "trouble"));

    /** "Hello IASB Help Desk,", "Dear Clerk's Office,": an address, not a request, whatever words it holds. */
    private static final java.util.regex.Pattern SALUTATION = java.util.regex.Pattern.compile(
            "^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|to whom it may concern)\\b[^.?!]{0,60},?$");
    /**
     * A request that points back at what the message told ("is that by design?", "how can we obtain them?", "can it be
     * reset?"): what it asks is known only with the sentences before it, even where it reads as no FAQ topic alone.
     * Not "that" opening a clause ("a charge that I think is wrong"), and not the "it" of "is it possible to...", which
     * points at nothing (see {@link #DUMMY_IT}).
     */
    private static final java.util.regex.Pattern POINTS_BACK = java.util.regex.Pattern.compile(
            "\\b(?:it|this|these|those|they|them)\\b|\\bthat\\b(?!\\s++(?:i|we|you|they|he|she|the|a|an|my|our|your|his|her"
                    + "|their)\\b)");
    private static final java.util.regex.Pattern DUMMY_IT = java.util.regex.Pattern.compile(
            "\\b(?:is it|it is|its|was it|it was|would it be|will it be) (?:possible|true|ok|okay|necessary|allowed|required"
                    + "|permitted|normal|okay)\\b");

    /** What {@link #check} found. */
    public enum Verdict {
        /** Some request is about the topic, or no request names a matter: the whole message is the question. */
        ASKED,
        /** No request is about the topic and one reads as outside the FAQ: the topic is only in what was told. */
        NOT_ASKED,
        /** More requests than are read one by one ({@link SentenceTopics#MAX_READER_UNITS}): a person reads it. */
        TOO_MANY
    }

    private AskedTopic() {
    }

    /** Whether the filer asks about {@code family}, or only tells about it and asks something outside the FAQ. */
    public static Verdict check(String ownWords, TopicModel model, String family) {
        List<String> sentences = Requests.sentences(ownWords);
        boolean outside = false;
        int read = 0;
        for (int i = 0; i < sentences.size(); i++) {
            String request = sentences.get(i);
            // a reported problem counts as asked ("my card was declined when I signed up for PACER. Can I file
            // meanwhile?" asks about what it reports)
            if (!Requests.isRequest(request) || Tokens.of(request).length < MIN_TOKENS || namesNothing(request)
                    || SALUTATION.matcher(Requests.plain(request)).find()) {
                continue;
            }
            // each costs up to two embeddings; thousands of requests must not hold the poll
            if (++read > SentenceTopics.MAX_READER_UNITS) return Verdict.TOO_MANY;
            // what "it" or "they" points at may be two sentences back ("I don't have those anywhere. Can they be reset?")
            String before = i > 0 ? String.join(" ", sentences.subList(Math.max(0, i - 3), i)) : null;
            Reading r = read(request, before, model, family);
            if (r == Reading.ABOUT) return Verdict.ASKED;
            // a request read as another FAQ topic is the two-question check's to judge, at its own bar; this rule is
            // for questions outside the FAQ
            outside |= r == Reading.OUTSIDE;
        }
        return outside ? Verdict.NOT_ASKED : Verdict.ASKED;
    }

    /** Whether the request is made only of words that name no matter ({@link #GENERIC}). */
    static boolean namesNothing(String request) {
        for (String w : Tokens.normalize(request).split("[^a-z0-9]++")) {
            if (!w.isEmpty() && !GENERIC.contains(w.toLowerCase(Locale.ROOT))) return false;
        }
        return true;
    }

    private enum Reading { ABOUT, OUTSIDE, ANOTHER_TOPIC }

    /**
     * The request about the family, leaning outside the FAQ (the reader's likeliest class for it alone; without a
     * reader, the primary's), or about another FAQ topic.
     */
    private static Reading read(String request, String before, TopicModel model, String family) {
        Prediction primary = model.predict(Tokens.of(request));
        if (Topics.family(TopicChoice.of(primary).topic()).equals(family)) return Reading.ABOUT;
        Optional<Prediction> second = model.secondOpinion(request);
        if (second.isPresent() && Topics.family(TopicChoice.of(second.get()).topic()).equals(family)) return Reading.ABOUT;
        Prediction alone = model.readerOpinion(request).orElse(primary);
        // both readings must put it outside the FAQ: a follow-on question about what was told ("can I file in the
        // meantime?") is often read as outside by one of them alone
        TopicChoice fast = TopicChoice.of(primary);
        boolean leansOutside = Topics.OTHER.equals(TopicChoice.of(alone).topic()) && Topics.OTHER.equals(fast.topic())
                && fast.confidence() >= OUTSIDE_PRIMARY;
        Reading otherwise = leansOutside ? Reading.OUTSIDE : Reading.ANOTHER_TOPIC;
        if (!model.hasReader()) return otherwise;
        if (support(alone, family) >= READER_SUPPORT) return Reading.ABOUT;
        // "how do I move it to my new one?" says what it asks only with the sentences before it; a request that leans
        // outside the FAQ by itself and points at nothing told is not made the FAQ's by what was told
        if (before == null || Tokens.of(before).length < 4) return otherwise;
        if (leansOutside && !pointsBack(request)) return otherwise;
        String context = before.length() > CONTEXT_CHARS ? before.substring(before.length() - CONTEXT_CHARS) : before;
        return support(model.readerOpinion(context + " " + request).orElseThrow(), family) >= READER_SUPPORT
                ? Reading.ABOUT : otherwise;
    }

    static boolean pointsBack(String request) {
        return POINTS_BACK.matcher(DUMMY_IT.matcher(Requests.plain(request)).replaceAll(" ")).find();
    }

    private static double support(Prediction p, String family) {
        double sum = 0;
        for (TopicScore s : p.top(Integer.MAX_VALUE)) if (Topics.family(s.topic()).equals(family)) sum += s.probability();
        return sum;
    }
}
