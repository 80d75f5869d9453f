package mailclerk.classify;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The FAQ topic families that single sentences of a message are confidently about. Two different FAQ questions
 * in one message get one clerk, not one half-answer. Only sentences that ask or request something count:
 * background ("we linked our accounts in April") carries topic words without asking anything (issue 9).
 */
public final class SentenceTopics {
    private static final int MIN_TOKENS = 5;

    private SentenceTopics() {
    }

    /**
     * One bar for every sentence: a lower bar for sentences ending in "?" made generic follow-ups ("where do I go
     * from here?") count as second questions; see docs/classifier.md for the measurement.
     *
     * @param requestsOnly count only requests ({@link Requests#isRequest}); false: every sentence, as before issue 9
     *                     (kept for measuring the rule)
     */
    public static Set<String> families(String ownWords, TopicModel model, double minConfidence, boolean requestsOnly) {
        Set<String> families = new LinkedHashSet<>();
        for (String sentence : Requests.sentences(ownWords)) {
            if (requestsOnly && !Requests.isRequest(sentence)) continue;
            String[] tokens = Tokens.of(sentence);
            if (tokens.length < MIN_TOKENS) continue;
            TopicChoice c = TopicChoice.of(model.predict(tokens));
            if (!Topics.OTHER.equals(c.topic()) && c.confidence() >= minConfidence) {
                families.add(Topics.family(c.topic()));
            }
        }
        return families;
    }
}
