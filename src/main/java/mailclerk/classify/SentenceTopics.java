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
     */
    public record Questions(Set<String> families, Set<String> joined) {
    }

    /** As {@link #questions} without splitting sentences into clauses (the rules before compound questions). */
    public static Set<String> families(String ownWords, TopicModel model, double minConfidence, boolean requestsOnly) {
        return questions(ownWords, model, minConfidence, requestsOnly, false).families();
    }

    /**
     * One bar for every sentence: a lower bar for sentences ending in "?" made generic follow-ups ("where do I go
     * from here?") count as second questions; see docs/classifier.md for the measurement.
     *
     * @param requestsOnly count only requests ({@link Requests#isRequest}); false: every sentence, as before issue 9
     *                     (kept for measuring the rule)
     * @param clauses      split sentences at a joined second question (the {@code compound-question} rule); false:
     *                     whole sentences, as before (kept for measuring the rule)
     */
    public static Questions questions(String ownWords, TopicModel model, double minConfidence, boolean requestsOnly,
                                      boolean clauses) {
        Set<String> families = new LinkedHashSet<>();
        Set<String> joined = new LinkedHashSet<>();
        for (String sentence : Requests.sentences(ownWords)) {
            List<String> units = clauses ? Requests.clauses(sentence) : List.of(sentence);
            for (int i = 0; i < units.size(); i++) {
                String unit = units.get(i);
                if (requestsOnly && !Requests.isRequest(unit)) continue;
                String[] tokens = Tokens.of(unit);
                if (tokens.length < MIN_TOKENS) continue;
                Set<String> named = new LinkedHashSet<>();
                named.add(family(TopicChoice.of(model.predict(tokens)), minConfidence));
                if (i > 0) {
                    model.secondOpinion(unit).ifPresent(p -> named.add(family(TopicChoice.of(p), minConfidence)));
                }
                named.remove(null);
                families.addAll(named);
                if (units.size() > 1) joined.addAll(named);
            }
        }
        return new Questions(families, joined);
    }

    /** The choice's FAQ family when it is confident, else null ("other" is no FAQ question). */
    private static String family(TopicChoice c, double minConfidence) {
        return !Topics.OTHER.equals(c.topic()) && c.confidence() >= minConfidence ? Topics.family(c.topic()) : null;
    }
}
