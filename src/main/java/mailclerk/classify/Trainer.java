package mailclerk.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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

    /** An example's text as a message's text is read: quotes, signatures and footers dropped. */
    static String text(Example e) {
        return Preprocessor.messageText("", Preprocessor.ownWords("", e.text()));
    }

    /** Stratified k-fold cross-validation: every example is predicted by a model trained without it. */
    public List<HeldOut> crossValidate(List<Example> examples, int folds, long seed) {
        List<List<Example>> split = Folds.split(examples, folds, seed);
        List<HeldOut> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            TopicModel model = new TopicModel(fit(MailShape.of(Folds.without(split, k))), null);
            for (Example e : split.get(k)) out.add(new HeldOut(e.topic(), model.predict(tokens(e))));
        }
        return out;
    }
}
