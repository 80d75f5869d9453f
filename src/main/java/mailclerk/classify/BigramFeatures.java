package mailclerk.classify;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Map;
import opennlp.tools.doccat.FeatureGenerator;

/**
 * Adjacent word pairs ("forgot password", "menus missing") as features. Our own class with a no-argument
 * constructor, because a saved model records its feature generators by class name and recreates them that way.
 */
public class BigramFeatures implements FeatureGenerator {
    @Override
    public Collection<String> extractFeatures(String[] text, Map<String, Object> extraInformation) {
        Collection<String> out = new ArrayList<>(Math.max(0, text.length - 1));
        for (int i = 0; i + 1 < text.length; i++) out.add("bg=" + text[i] + "_" + text[i + 1]);
        return out;
    }
}
