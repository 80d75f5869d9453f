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

/**
 * A trained topic classifier with its metadata. Thread-safe: OpenNLP's categorizer is not, so each thread has its
 * own over the one shared (read-only) model, and the poll decides a batch on all cores.
 */
public final class TopicModel {
    static {
        // OpenNLP only instantiates feature generators from packages it was told to trust (our BigramFeatures)
        opennlp.tools.util.ext.ExtensionLoader.registerAllowedPackage("mailclerk.classify");
    }

    private final ThreadLocal<DocumentCategorizerME> categorizer;
    private final CharGramModel second;
    private final EmbeddingReader reader;
    private final ModelMetadata metadata;

    public TopicModel(DoccatModel model, ModelMetadata metadata) {
        this(model, null, metadata);
    }

    /** @param second the independent second opinion; null for versions trained before it existed */
    public TopicModel(DoccatModel model, CharGramModel second, ModelMetadata metadata) {
        this(model, second, null, metadata);
    }

    /** @param reader the embedding reader; null for versions trained before it existed */
    public TopicModel(DoccatModel model, CharGramModel second, EmbeddingReader reader, ModelMetadata metadata) {
        this.categorizer = ThreadLocal.withInitial(() -> new DocumentCategorizerME(model));
        this.second = second;
        this.reader = reader;
        this.metadata = metadata;
    }

    public static TopicModel load(Path dir) throws IOException {
        DoccatModel primary;
        try (InputStream in = Files.newInputStream(dir.resolve(ModelStore.MODEL_FILE))) {
            primary = new DoccatModel(in);
        }
        CharGramModel second = null;
        Path secondFile = dir.resolve(ModelStore.SECOND_MODEL_FILE);
        if (Files.exists(secondFile)) {
            try (InputStream in = Files.newInputStream(secondFile)) {
                second = CharGramModel.read(in);
            }
        }
        EmbeddingReader reader = null;
        Path readerFile = dir.resolve(ModelStore.READER_FILE);
        if (Files.exists(readerFile)) {
            try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(readerFile))) {
                reader = EmbeddingReader.read(in);
            }
            // the embedding model runs native code (ONNX Runtime, the tokenizer): a platform it cannot run on must stop
            // the version from loading here, loudly, not fail on the first message that reaches the reader
            SentenceEmbedder.check();
        }
        return new TopicModel(primary, second, reader, ModelMetadata.read(dir.resolve(ModelStore.METADATA_FILE)));
    }

    /** The second model's ranking of the message text, or empty for a version without one. */
    public java.util.Optional<Prediction> secondOpinion(String text) {
        return second == null ? java.util.Optional.empty() : java.util.Optional.of(second.predict(text));
    }

    /** Whether this version has an embedding reader (and its rule in the metadata). */
    public boolean hasReader() {
        return reader != null && metadata.reader() != null;
    }

    /** The embedding reader's ranking of the text, or empty for a version without one. Costs an embedding (ms). */
    public java.util.Optional<Prediction> readerOpinion(String text) {
        if (!hasReader()) return java.util.Optional.empty();
        return java.util.Optional.of(read(text));
    }

    private Prediction read(String text) {
        float[] embedding;
        try {
            embedding = SentenceEmbedder.shared().embed(text);
        } catch (LinkageError e) {
            // a native library that would not load is an Error; the decision must see an ordinary failure and flag
            throw new IllegalStateException("the embedding reader cannot run: " + e, e);
        }
        return reader.predict(embedding);
    }

    private static boolean finite(double[] p) {
        for (double x : p) if (!Double.isFinite(x)) return false;
        return true;
    }

    /** The tokens in order, each kept at most three times. */
    static String[] fewRepeats(String[] tokens) {
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        List<String> out = new ArrayList<>();
        for (String t : tokens) if (seen.merge(t, 1, Integer::sum) <= 3) out.add(t);
        return out.isEmpty() ? new String[] {"_empty_"} : out.toArray(new String[0]);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Prediction predict(String[] tokens) {
        double[] p;
        List<TopicScore> ranked = new ArrayList<>();
        DocumentCategorizerME c = categorizer.get();
        p = c.categorize(tokens.length == 0 ? new String[] {"_empty_"} : tokens);
        if (!finite(p)) {
            // a long repetitive text overflows the model's sums (NaN): the same words, each counted a few times at most
            p = c.categorize(fewRepeats(tokens));
        }
        if (!finite(p)) {
            p = new double[p.length];
            java.util.Arrays.fill(p, 1.0 / p.length); // no opinion: every topic alike, which no threshold passes
        }
        for (int i = 0; i < p.length; i++) ranked.add(new TopicScore(c.getCategory(i), p[i]));
        ranked.sort(Comparator.comparingDouble(TopicScore::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }
}
