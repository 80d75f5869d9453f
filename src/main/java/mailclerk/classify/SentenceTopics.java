package mailclerk.classify;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The FAQ topic families that single sentences of a message are confidently about. Two different FAQ questions
 * in one message get one clerk, not one half-answer.
 */
public final class SentenceTopics {
    private static final int MIN_TOKENS = 5;

    private SentenceTopics() {
    }

    /**
     * One bar for every sentence: a lower bar for sentences ending in "?" made generic follow-ups ("where do I go
     * from here?") count as second questions; see docs/classifier.md for the measurement.
     */
    public static Set<String> families(String ownWords, TopicModel model, double minConfidence) {
        Set<String> families = new LinkedHashSet<>();
        for (String sentence : ownWords.split("(?<=[.?!])\\s+|\\n+")) {
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
