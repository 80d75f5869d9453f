package mailclerk.classify;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The FAQ topic families that single sentences of a message are confidently about. Two different FAQ questions
 * in one message get one clerk, not one half-answer. Only sentences that ask or request something count:
 * background ("we linked our accounts in April") carries topic words without asking anything (issue 9).
 *
 * <p>A sentence that joins a second question to the first ("Can our staff keep sharing the firm's account, and
 * would we need to register again?") is counted as its clauses ({@link Requests#clauses}). A joined clause is a
 * question by its form, so what it is about is read by both models: it counts as a family when either model names
 * an FAQ family at the same bar (a short clause often has a word the primary model never saw in that topic, and
 * the character model reads pieces of words). An ordinary request sentence is read by the primary model alone:
 * letting either model name every request sentence's topic answered 8 points less of the dev emails, most of it
 * restated questions taken for second ones (docs/classifier.md).
 */
public final class SentenceTopics {
    private static final int MIN_TOKENS = 5;

    private SentenceTopics() {
    }

    /**
     * @param families the FAQ families the message's requests are confidently about
     * @param joined   the families named by clauses of sentences that join two questions (empty when none)
     * @param unread   more requests than the embedding reader reads for one message ({@value #MAX_READER_UNITS}):
     *                 the rest were not read by it, so the message is a clerk's
     */
    public record Questions(Set<String> families, Set<String> joined, boolean unread) {
    }

    /**
     * Requests the embedding reader reads one by one, per message. Each costs milliseconds; a message of thousands of
     * questions must not hold the poll (and its lease). Real questions to a help desk have a few.
     */
    public static final int MAX_READER_UNITS = 12;

    /** Characters of the sentence before a request read as its context (the request is always read whole). */
    static final int CONTEXT_CHARS = 300;

    /** As {@link #questions} without splitting sentences into clauses (the rules before compound questions). */
    public static Set<String> families(String ownWords, TopicModel model, double minConfidence, boolean requestsOnly) {
        return questions(ownWords, model, minConfidence, requestsOnly, false, Double.NaN).families();
    }

    /**
     * One bar for every sentence: a lower bar for sentences ending in "?" made generic follow-ups ("where do I go
     * from here?") count as second questions; see docs/classifier.md for the measurement.
     *
     * @param requestsOnly count only requests ({@link Requests#isRequest}); false: every sentence, as before issue 9
     *                     (kept for measuring the rule)
     * @param clauses      split sentences at a joined second question (the {@code compound-question} rule); false:
     *                     whole sentences, as before (kept for measuring the rule)
     * @param readerBar    when a number: the embedding reader also reads every request, and names its family at this
     *                     confidence or more. The fast models may be unsure of a second question by chance; the
     *                     reader understands paraphrase, so a second question does not depend on that luck (issue 19)
     */
    public static Questions questions(String ownWords, TopicModel model, double minConfidence, boolean requestsOnly,
                                      boolean clauses, double readerBar) {
        Set<String> families = new LinkedHashSet<>();
        Set<String> joined = new LinkedHashSet<>();
        Set<String> read = new java.util.HashSet<>();
        boolean unread = false;
        for (String sentence : Requests.sentences(ownWords)) {
            // "I need to register, and I'd like to save my card - how do I do both?": every part is asked for
            boolean both = clauses && Requests.asksForBoth(sentence) && Requests.clauses(sentence).size() > 1;
            List<String> units = both ? Requests.partsAskedFor(sentence) : clauses ? Requests.clauses(sentence) : List.of(sentence);
            for (int i = 0; i < units.size(); i++) {
                String unit = units.get(i);
                if (requestsOnly && !both && !Requests.isRequest(unit)) continue;
                String[] tokens = Tokens.of(unit);
                if (tokens.length < MIN_TOKENS) continue;
                Set<String> named = new LinkedHashSet<>();
                named.add(family(TopicChoice.of(model.predict(tokens)), minConfidence));
                if (i > 0) {
                    model.secondOpinion(unit).ifPresent(p -> named.add(family(TopicChoice.of(p), minConfidence)));
                }
                if (!Double.isNaN(readerBar) && model.hasReader() && read.add(unit)) {
                    if (read.size() > MAX_READER_UNITS) {
                        unread = true;
                    } else {
                        model.readerOpinion(unit).ifPresent(p -> named.add(family(TopicChoice.of(p), readerBar)));
                    }
                }
                named.remove(null);
                families.addAll(named);
                if (units.size() > 1) joined.addAll(named);
            }
        }
        return new Questions(families, joined, unread);
    }

    /**
     * What the embedding reader confidently reads in the message's requests, one request at a time ({@code families}:
     * FAQ families; {@code outsideFaq}: a request it reads as none of the FAQ's questions). The subject counts only when
     * the body asks nothing: a question in the subject and a complaint below it is a complaint.
     */
    public record ReaderRequests(Set<String> families, boolean outsideFaq, boolean unread, Set<String> inContext) {
        public ReaderRequests(Set<String> families, boolean outsideFaq, boolean unread) {
            this(families, outsideFaq, unread, Set.of());
        }

        /**
         * Whether some request asks about {@code family}: read alone, or with the sentence before it when that one only
         * tells ("I set up PACER MFA on my old phone. How do I move it to my new one?": the request says "it").
         */
        public boolean asks(String family) {
            return families.contains(family) || inContext.contains(family);
        }
    }

    /**
     * When the fast models do not answer a message and the reader does, its topic must be what the filer asks, and
     * nothing else the filer asks may be outside the FAQ ("I was billed for PACER registration, I want a refund").
     */
    public static ReaderRequests readerRequests(String subject, String ownWords, TopicModel model, double bar) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> asked = new LinkedHashSet<>();
        // each request with the sentence before it, when that one is not itself a request (what "it" refers to)
        java.util.Map<String, String> withContext = new java.util.LinkedHashMap<>();
        List<String> all = Requests.sentences(ownWords);
        for (int i = 1; i < all.size(); i++) {
            String before = all.get(i - 1);
            // a greeting or a name says nothing about what "it" is; a long sentence is cut from its start, so the
            // request itself is always read whole (the embedder reads a bounded number of characters)
            if (Requests.isRequest(all.get(i)) && !Requests.isRequest(before) && Tokens.of(before).length >= 4) {
                String context = before.length() > CONTEXT_CHARS ? before.substring(before.length() - CONTEXT_CHARS) : before;
                withContext.putIfAbsent(all.get(i), context + " " + all.get(i));
            }
        }
        for (String r : Requests.requests(ownWords)) {
            // a sentence that asks for both is read part by part, so each thing asked for is seen
            if (Requests.asksForBoth(r)) asked.addAll(Requests.partsAskedFor(r));
            else asked.add(r);
        }
        List<String> requests = new java.util.ArrayList<>(asked);
        List<String> statements = List.of();
        if (requests.isEmpty() && subject != null && Requests.isRequest(subject)) {
            // the subject asks, the body only tells: what it tells must not be outside the FAQ (a complaint, a fraud
            // report under a question-shaped subject)
            requests.add(subject);
            statements = new java.util.ArrayList<>(new LinkedHashSet<>(Requests.sentences(ownWords)));
        }
        boolean outside = false;
        int read = 0;
        List<String> unsure = new java.util.ArrayList<>();
        for (String r : requests) {
            if (Tokens.of(r).length < 3) continue;
            if (++read > MAX_READER_UNITS) return new ReaderRequests(out, outside, true);
            TopicChoice c = TopicChoice.of(model.readerOpinion(r).orElseThrow());
            if (c.confidence() < bar) {
                // only a request leaning to some FAQ topic is read again in context: one that leans outside the FAQ,
                // at any confidence, is not made an FAQ question by what comes before it
                if (!Topics.OTHER.equals(c.topic())) unsure.add(r);
                continue;
            }
            if (Topics.OTHER.equals(c.topic())) outside = true;
            else out.add(Topics.family(c.topic()));
        }
        // a request the reader is unsure of alone is read again with its context; it can only say what is asked, never
        // clear a request that reads as outside the FAQ or hide a second question (those stay on the bare requests)
        Set<String> inContext = new LinkedHashSet<>();
        // only where the filer asks one thing: with several requests, what one of them points back to is too easily
        // mistaken for what another asks (a second question the reader is unsure of would go unseen)
        if (requests.size() != 1) unsure.clear();
        for (String r : unsure) {
            String c = withContext.get(r);
            if (c == null) continue;
            if (++read > MAX_READER_UNITS) return new ReaderRequests(out, outside, true);
            TopicChoice t = TopicChoice.of(model.readerOpinion(c).orElseThrow());
            if (t.confidence() >= bar && !Topics.OTHER.equals(t.topic())) inContext.add(Topics.family(t.topic()));
        }
        for (String st : statements) {
            if (Tokens.of(st).length < 3) continue;
            if (++read > MAX_READER_UNITS) return new ReaderRequests(out, outside, true);
            TopicChoice c = TopicChoice.of(model.readerOpinion(st).orElseThrow());
            if (Topics.OTHER.equals(c.topic()) && c.confidence() >= bar) outside = true;
        }
        return new ReaderRequests(out, outside, false, inContext);
    }

    /** The choice's FAQ family when it is confident, else null ("other" is no FAQ question). */
    private static String family(TopicChoice c, double minConfidence) {
        return !Topics.OTHER.equals(c.topic()) && c.confidence() >= minConfidence ? Topics.family(c.topic()) : null;
    }
}
