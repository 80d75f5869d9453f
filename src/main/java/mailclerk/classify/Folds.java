package mailclerk.classify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Stratified k-fold split, the same for both models: their held-out predictions are for the same examples in the
 * same order, so the rule "both agree and both are confident" can be measured example by example.
 */
public final class Folds {
    private Folds() {
    }

    public static List<List<Example>> split(List<Example> examples, int folds, long seed) {
        Map<String, List<Example>> byTopic = new LinkedHashMap<>();
        for (Example e : examples) byTopic.computeIfAbsent(e.topic(), k -> new ArrayList<>()).add(e);
        List<List<Example>> fold = new ArrayList<>();
        for (int i = 0; i < folds; i++) fold.add(new ArrayList<>());
        Random random = new Random(seed);
        for (List<Example> group : byTopic.values()) {
            List<Example> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) fold.get(i % folds).add(shuffled.get(i));
        }
        return fold;
    }

    /** Everything outside fold {@code k}. */
    public static List<Example> without(List<List<Example>> folds, int k) {
        List<Example> train = new ArrayList<>();
        for (int j = 0; j < folds.size(); j++) if (j != k) train.addAll(folds.get(j));
        return train;
    }
}
