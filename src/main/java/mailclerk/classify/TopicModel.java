package mailclerk.classify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import opennlp.tools.doccat.DoccatModel;
import opennlp.tools.doccat.DocumentCategorizerME;

/** A trained topic classifier with its metadata. Thread-safe: OpenNLP's categorizer is not, so calls are serialised. */
public final class TopicModel {
    static {
        // OpenNLP only instantiates feature generators from packages it was told to trust (our BigramFeatures)
        opennlp.tools.util.ext.ExtensionLoader.registerAllowedPackage("mailclerk.classify");
    }

    private final DocumentCategorizerME categorizer;
    private final ModelMetadata metadata;

    public TopicModel(DoccatModel model, ModelMetadata metadata) {
        this.categorizer = new DocumentCategorizerME(model);
        this.metadata = metadata;
    }

    public static TopicModel load(Path dir) throws IOException {
        try (InputStream in = Files.newInputStream(dir.resolve(ModelStore.MODEL_FILE))) {
            return new TopicModel(new DoccatModel(in), ModelMetadata.read(dir.resolve(ModelStore.METADATA_FILE)));
        }
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Prediction predict(String[] tokens) {
        double[] p;
        List<TopicScore> ranked = new ArrayList<>();
        synchronized (categorizer) {
            p = categorizer.categorize(tokens.length == 0 ? new String[] {"_empty_"} : tokens);
            for (int i = 0; i < p.length; i++) ranked.add(new TopicScore(categorizer.getCategory(i), p[i]));
        }
        ranked.sort(Comparator.comparingDouble(TopicScore::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }
}
