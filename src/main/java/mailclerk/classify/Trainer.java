package mailclerk.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import opennlp.tools.doccat.BagOfWordsFeatureGenerator;
import opennlp.tools.doccat.DoccatFactory;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;
import opennlp.tools.doccat.DocumentSample;
import opennlp.tools.doccat.FeatureGenerator;
import opennlp.tools.util.ObjectStreamUtils;
import opennlp.tools.util.TrainingParameters;

/** Trains OpenNLP document categorizers and cross-validates them. */
public final class Trainer {
    static {
        // OpenNLP only instantiates feature generators from packages it was told to trust (our BigramFeatures)
        opennlp.tools.util.ext.ExtensionLoader.registerAllowedPackage("mailclerk.classify");
    }

    private final TrainingOptions options;

    public Trainer(TrainingOptions options) {
        this.options = options;
    }

    public DoccatModel fit(List<Example> examples) {
        List<DocumentSample> samples = new ArrayList<>(examples.size());
        for (Example e : examples) samples.add(new DocumentSample(e.topic(), tokens(e)));
        return fitSamples(samples);
    }

    private DoccatModel fitSamples(List<DocumentSample> samples) {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ALGORITHM_PARAM, options.algorithm());
        params.put(TrainingParameters.CUTOFF_PARAM, options.cutoff());
        params.put(TrainingParameters.ITERATIONS_PARAM, options.iterations());
        params.put(TrainingParameters.THREADS_PARAM, 1);
        FeatureGenerator[] features = options.ngrams()
                ? new FeatureGenerator[] {new BagOfWordsFeatureGenerator(), new BigramFeatures()}
                : new FeatureGenerator[] {new BagOfWordsFeatureGenerator()};
        try {
            return DocumentCategorizerME.train("en", ObjectStreamUtils.createObjectStream(samples), params,
                    new DoccatFactory(features));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String[] tokens(Example e) {
        return Preprocessor.tokens("", e.text());
    }

    /** Stratified k-fold cross-validation: every example is predicted by a model trained without it. */
    public List<HeldOut> crossValidate(List<Example> examples, int folds, long seed) {
        // tokenised once: each example is in k-1 training sets and one test set
        Map<String, List<DocumentSample>> byTopic = new LinkedHashMap<>();
        for (Example e : examples) {
            byTopic.computeIfAbsent(e.topic(), k -> new ArrayList<>()).add(new DocumentSample(e.topic(), tokens(e)));
        }
        List<List<DocumentSample>> fold = new ArrayList<>();
        for (int i = 0; i < folds; i++) fold.add(new ArrayList<>());
        Random random = new Random(seed);
        for (List<DocumentSample> group : byTopic.values()) {
            List<DocumentSample> shuffled = new ArrayList<>(group);
            Collections.shuffle(shuffled, random);
            for (int i = 0; i < shuffled.size(); i++) fold.get(i % folds).add(shuffled.get(i));
        }
        List<HeldOut> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            List<DocumentSample> train = new ArrayList<>();
            for (int j = 0; j < folds; j++) if (j != k) train.addAll(fold.get(j));
            TopicModel model = new TopicModel(fitSamples(train), null);
            for (DocumentSample d : fold.get(k)) out.add(new HeldOut(d.getCategory(), model.predict(d.getText())));
        }
        return out;
    }
}
