package mailclerk.classify;

import java.util.List;

/** The classifier's ranking of topics for one message, best first. */
public record Prediction(List<TopicScore> ranked) {

    public TopicScore best() {
        return ranked.get(0);
    }

    public double probability(String topic) {
        for (TopicScore s : ranked) if (s.topic().equals(topic)) return s.probability();
        return 0.0;
    }

    /** The top {@code n} topics. */
    public List<TopicScore> top(int n) {
        return ranked.subList(0, Math.min(n, ranked.size()));
    }
}
