package mailclerk.classify;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The classifier's answer reduced to what the confidence rule looks at. The two NextGen login topics are one
 * family: their wording is the same, the court's calendar tells them apart, so their probabilities are added.
 *
 * @param topic      the best topic (for the NextGen pair: the likelier of the two, before the calendar decides)
 * @param confidence the probability mass of the best topic family
 * @param margin     how far the best family is ahead of the second
 * @param runnerUp   the second topic family's best topic
 */
public record TopicChoice(String topic, double confidence, double margin, String runnerUp) {

    public static TopicChoice of(Prediction p) {
        Map<String, Double> family = new LinkedHashMap<>();
        Map<String, String> bestOfFamily = new LinkedHashMap<>();
        for (TopicScore s : p.ranked()) {
            String f = Topics.family(s.topic());
            family.merge(f, s.probability(), Double::sum);
            bestOfFamily.putIfAbsent(f, s.topic());
        }
        String first = null;
        String second = null;
        for (String f : family.keySet()) {
            if (first == null || family.get(f) > family.get(first)) {
                second = first;
                first = f;
            } else if (second == null || family.get(f) > family.get(second)) {
                second = f;
            }
        }
        double c1 = family.get(first);
        double c2 = second == null ? 0 : family.get(second);
        return new TopicChoice(bestOfFamily.get(first), c1, c1 - c2, second == null ? null : bestOfFamily.get(second));
    }

    /** Whether the rule lets this choice through (the topic must still have a template and not be "other"). */
    public boolean confident(double threshold, double minMargin) {
        return confidence >= threshold && margin >= minMargin;
    }
}
