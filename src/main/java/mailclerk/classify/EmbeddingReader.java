package mailclerk.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * The embedding reader: multinomial logistic regression over sentence embeddings ({@link SentenceEmbedder}). The
 * embedding carries what a sentence means, so "my login from the old system is refused since the switch" lands
 * near the FAQ's NextGen questions although it shares few words or letter runs with the corpus. The regression is
 * plain and small (topics x 385 numbers): the work is in the embedding, and a plain model on top of it is easy to
 * check and quick to retrain.
 */
public final class EmbeddingReader {
    public static final String ALGORITHM = SentenceEmbedder.MODEL + " embeddings, logistic regression";
    private static final int MAGIC = 0x454d4231; // "EMB1"
    /** Embeddings have unit length: scaled so each of the 384 numbers is of order one, which plain SGD likes. */
    private static final float SCALE = (float) Math.sqrt(SentenceEmbedder.DIMENSIONS);
    private static final int EPOCHS = 40;
    private static final double LEARNING_RATE = 0.05;
    /** Chosen on the corpus's held-out folds (1e-4 to 1e-2): 1e-3 gave the most coverage at precision 0.99. */
    private static final double L2 = 1e-3;

    private final String[] topics;
    /** Per topic: one weight per dimension, then the bias. */
    private final float[][] weights;

    private EmbeddingReader(String[] topics, float[][] weights) {
        this.topics = topics;
        this.weights = weights;
    }

    /** A labelled embedding: one corpus example (or clerk's label) as the reader learns from it. */
    public record Sample(String topic, float[] embedding) {
    }

    public static EmbeddingReader train(List<Sample> samples, long seed) {
        String[] topics = samples.stream().map(Sample::topic).collect(java.util.stream.Collectors.toCollection(TreeSet::new))
                .toArray(String[]::new);
        int dims = SentenceEmbedder.DIMENSIONS;
        float[][] w = new float[topics.length][dims + 1];
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) order.add(i);
        Random random = new Random(seed);
        double[] p = new double[topics.length];
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            java.util.Collections.shuffle(order, random);
            double rate = LEARNING_RATE / (1 + epoch * 0.1);
            for (int i : order) {
                Sample s = samples.get(i);
                int y = java.util.Arrays.binarySearch(topics, s.topic());
                probabilities(w, s.embedding(), p);
                for (int t = 0; t < topics.length; t++) {
                    double g = p[t] - (t == y ? 1 : 0);
                    float[] wt = w[t];
                    for (int d = 0; d < dims; d++) {
                        wt[d] -= (float) (rate * (g * s.embedding()[d] * SCALE + L2 * wt[d]));
                    }
                    wt[dims] -= (float) (rate * g);
                }
            }
        }
        return new EmbeddingReader(topics, w);
    }

    /** Probabilities over the topics; every topic alike (no threshold passes) for an all-zero embedding. */
    public Prediction predict(float[] embedding) {
        double[] p = new double[topics.length];
        boolean empty = true;
        for (float x : embedding) if (x != 0) { empty = false; break; }
        if (empty || embedding.length != SentenceEmbedder.DIMENSIONS) {
            java.util.Arrays.fill(p, 1.0 / topics.length);
        } else {
            probabilities(weights, embedding, p);
        }
        List<TopicScore> ranked = new ArrayList<>(topics.length);
        for (int t = 0; t < topics.length; t++) ranked.add(new TopicScore(topics[t], p[t]));
        ranked.sort(Comparator.comparingDouble(TopicScore::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }

    private static void probabilities(float[][] w, float[] x, double[] out) {
        int dims = SentenceEmbedder.DIMENSIONS;
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < w.length; t++) {
            double z = w[t][dims];
            for (int d = 0; d < dims; d++) z += w[t][d] * x[d] * SCALE;
            out[t] = z;
            max = Math.max(max, z);
        }
        double total = 0;
        for (int t = 0; t < w.length; t++) total += out[t] = Math.exp(out[t] - max);
        for (int t = 0; t < w.length; t++) out[t] /= total;
    }

    /** Stratified k-fold cross-validation over the same folds as the other models ({@link Folds}). */
    public static List<HeldOut> crossValidate(List<Example> examples, java.util.Map<Example, float[]> embeddings, int folds,
                                              long seed) {
        List<List<Example>> split = Folds.split(examples, folds, seed);
        List<HeldOut> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            EmbeddingReader reader = train(samples(MailShape.of(Folds.without(split, k)), embeddings), seed);
            for (Example e : split.get(k)) out.add(new HeldOut(e.topic(), reader.predict(embeddings.get(e))));
        }
        return out;
    }

    public static List<Sample> samples(List<Example> examples, java.util.Map<Example, float[]> embeddings) {
        List<Sample> out = new ArrayList<>(examples.size());
        for (Example e : examples) out.add(new Sample(e.topic(), embeddings.get(e)));
        return out;
    }

    /** Every example's text as the responder reads a message ({@link Trainer#text}), embedded once, on all cores. */
    public static java.util.Map<Example, float[]> embed(List<Example> examples, SentenceEmbedder embedder) {
        java.util.Map<Example, float[]> out = new java.util.concurrent.ConcurrentHashMap<>();
        examples.parallelStream().forEach(e -> out.computeIfAbsent(e, x -> embedder.embed(Trainer.text(x))));
        return out;
    }

    public void write(OutputStream out) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(topics.length);
        d.writeInt(SentenceEmbedder.DIMENSIONS);
        for (int t = 0; t < topics.length; t++) {
            d.writeUTF(topics[t]);
            for (float x : weights[t]) d.writeFloat(x);
        }
        d.flush();
    }

    public static EmbeddingReader read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) throw new IOException("not an embedding reader");
        int n = d.readInt();
        int dims = d.readInt();
        if (n < 1 || n > 1000 || dims != SentenceEmbedder.DIMENSIONS) throw new IOException("corrupt embedding reader");
        String[] topics = new String[n];
        float[][] w = new float[n][dims + 1];
        for (int t = 0; t < n; t++) {
            topics[t] = d.readUTF();
            for (int i = 0; i <= dims; i++) {
                w[t][i] = d.readFloat();
                // a NaN weight would make every support NaN, and "NaN < bar" is false: the veto would silently end
                if (!Float.isFinite(w[t][i])) throw new IOException("corrupt embedding reader (a weight is not a number)");
            }
        }
        return new EmbeddingReader(topics, w);
    }
}
