package mailclerk.classify;

import java.util.List;
import java.util.Set;

/**
 * The threshold (and margin) chosen on held-out predictions: the loosest rule whose automatic replies are still
 * right at least {@code targetPrecision} of the time, so that as much is answered as that precision allows.
 */
public record ConfidenceRule(double threshold, double margin, double precision, double coverage, int answered,
                             int wrong) {
    private static final double[] MARGINS = {0.0, 0.05, 0.1, 0.2, 0.3};

    /**
     * @param answerable topics with an approved template; a prediction of any other topic is never an answer
     */
    public static ConfidenceRule choose(List<HeldOut> heldOut, Set<String> answerable, double targetPrecision) {
        long answerableExamples = heldOut.stream().filter(h -> answerable.contains(h.expected())).count();
        ConfidenceRule best = new ConfidenceRule(1.01, 0, 1.0, 0, 0, 0);
        for (int ti = 100; ti >= 20; ti--) {
            double t = ti / 100.0;
            for (double m : MARGINS) {
                ConfidenceRule r = measure(heldOut, answerable, t, m, answerableExamples);
                if (r.answered > 0 && r.precision >= targetPrecision && r.coverage > best.coverage) best = r;
            }
        }
        return best;
    }

    public static ConfidenceRule measure(List<HeldOut> heldOut, Set<String> answerable, double t, double m,
                                         long answerableExamples) {
        int answered = 0;
        int right = 0;
        for (HeldOut h : heldOut) {
            TopicChoice c = TopicChoice.of(h.prediction());
            if (!answerable.contains(c.topic()) || !c.confident(t, m)) continue;
            answered++;
            if (Topics.family(c.topic()).equals(Topics.family(h.expected()))) right++;
        }
        double precision = answered == 0 ? 1.0 : (double) right / answered;
        double coverage = answerableExamples == 0 ? 0 : (double) right / answerableExamples;
        return new ConfidenceRule(t, m, precision, coverage, answered, answered - right);
    }
}
