package mailclerk.classify;

import java.util.List;
import java.util.Set;

/**
 * What the two models do together on the held-out folds: a reply only when the primary's best family is an
 * answerable topic, both models name the same family, and each passes its own confidence rule.
 */
public record PairRule(int answered, int wrong, double precision, double coverage) {
    private static final double[] MARGINS = {0.0, 0.05, 0.1, 0.2, 0.3};

    /**
     * The primary's rule when it never answers alone: the loosest threshold and margin for which the pair (with the
     * second model's own rule) is still right {@code targetPrecision} of the time on the held-out folds. Agreement of
     * an independent model is evidence, so the primary needs less confidence of its own than when it decides alone.
     */
    public static ConfidenceRule choosePrimary(List<HeldOut> primary, List<HeldOut> second, Set<String> answerable,
                                               ConfidenceRule secondRule, double targetPrecision) {
        ConfidenceRule best = new ConfidenceRule(1.01, 0, 1.0, 0, 0, 0);
        long answerableExamples = primary.stream().filter(h -> answerable.contains(h.expected())).count();
        for (int ti = 100; ti >= 20; ti--) {
            for (double m : MARGINS) {
                ConfidenceRule alone = ConfidenceRule.measure(primary, answerable, ti / 100.0, m, answerableExamples);
                PairRule pair = measure(primary, second, answerable, alone, secondRule);
                if (pair.answered > 0 && pair.precision >= targetPrecision && pair.coverage > best.coverage()) {
                    best = new ConfidenceRule(alone.threshold(), alone.margin(), pair.precision, pair.coverage,
                            pair.answered, pair.wrong);
                }
            }
        }
        return best;
    }

    public static PairRule measure(List<HeldOut> primary, List<HeldOut> second, Set<String> answerable,
                                   ConfidenceRule primaryRule, ConfidenceRule secondRule) {
        int answered = 0;
        int right = 0;
        long answerableExamples = primary.stream().filter(h -> answerable.contains(h.expected())).count();
        for (int i = 0; i < primary.size(); i++) {
            TopicChoice a = TopicChoice.of(primary.get(i).prediction());
            TopicChoice b = TopicChoice.of(second.get(i).prediction());
            if (!answerable.contains(a.topic()) || !a.confident(primaryRule.threshold(), primaryRule.margin())) continue;
            if (!Topics.family(a.topic()).equals(Topics.family(b.topic()))
                    || !b.confident(secondRule.threshold(), secondRule.margin())) continue;
            answered++;
            if (Topics.family(a.topic()).equals(Topics.family(primary.get(i).expected()))) right++;
        }
        return new PairRule(answered, answered - right, answered == 0 ? 1.0 : (double) right / answered,
                answerableExamples == 0 ? 0 : (double) right / answerableExamples);
    }
}
