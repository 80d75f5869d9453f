package mailclerk.classify;

/** One topic and the classifier's probability for it. */
public record TopicScore(String topic, double probability) {
}
