package mailclerk.classify;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The second opinion: a character n-gram model, independent of the primary OpenNLP word model in both what it
 * sees and how it learns. It reads 3- to 5-character pieces of the normalised text (so "relink", "re-link" and
 * "linking" share pieces, and stemming mistakes do not matter), weighs them by TF-IDF and compares the message with
 * one centroid per topic by cosine similarity (Rocchio). The similarities become probabilities through a softmax,
 * so the same confidence rule as for the primary model applies. Training is one pass over the corpus.
 */
public final class CharGramModel {
    public static final String ALGORITHM = "char-3-5-gram tf-idf centroids";
    private static final int MIN_N = 3;
    private static final int MAX_N = 5;
    private static final int BITS = 20;
    /** Sharpness of the softmax over cosine similarities: similarities differ by hundredths. */
    private static final double TEMPERATURE = 30.0;
    private static final int MAGIC = 0x43474d31; // "CGM1"
    /** Text read per message: bounded work on any mail. */
    private static final int MAX_CHARS = 20_000;

    private final String[] topics;
    private final int[] idfKeys;
    private final float[] idfValues;
    private final int[][] centroidKeys;
    private final float[][] centroidValues;
    /**
     * For prediction, the same model laid out for array lookups: the column of every hashed n-gram (-1 when never
     * seen in training) and the topics' centroid weights by column. A message's n-grams then cost one array read
     * each instead of a hash-map entry and a binary search per topic (issue 19: the second opinion was the top frame
     * of a decision's profile).
     */
    private final int[] columnOf;
    private final float[] centroidsByColumn;

    private CharGramModel(String[] topics, int[] idfKeys, float[] idfValues, int[][] centroidKeys, float[][] centroidValues) {
        this.topics = topics;
        this.idfKeys = idfKeys;
        this.idfValues = idfValues;
        this.centroidKeys = centroidKeys;
        this.centroidValues = centroidValues;
        this.columnOf = new int[1 << BITS];
        Arrays.fill(columnOf, -1);
        for (int i = 0; i < idfKeys.length; i++) columnOf[idfKeys[i]] = i;
        this.centroidsByColumn = new float[idfKeys.length * topics.length];
        for (int t = 0; t < topics.length; t++) {
            for (int j = 0; j < centroidKeys[t].length; j++) {
                int col = columnOf[centroidKeys[t][j]];
                if (col >= 0) centroidsByColumn[col * topics.length + t] = centroidValues[t][j];
            }
        }
    }

    public static CharGramModel train(List<Example> examples) {
        List<Map<Integer, Integer>> counts = new ArrayList<>(examples.size());
        Map<Integer, Integer> documentFrequency = new HashMap<>();
        for (Example e : examples) {
            Map<Integer, Integer> c = grams(Trainer.text(e));
            counts.add(c);
            for (Integer k : c.keySet()) documentFrequency.merge(k, 1, Integer::sum);
        }
        int[] idfKeys = documentFrequency.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        float[] idfValues = new float[idfKeys.length];
        for (int i = 0; i < idfKeys.length; i++) {
            idfValues[i] = (float) Math.log((1.0 + examples.size()) / (1.0 + documentFrequency.get(idfKeys[i]))) + 1f;
        }
        Map<String, Map<Integer, Double>> sums = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            Map<Integer, Double> sum = sums.computeIfAbsent(examples.get(i).topic(), k -> new HashMap<>());
            for (Map.Entry<Integer, Float> f : weigh(counts.get(i), idfKeys, idfValues).entrySet()) {
                sum.merge(f.getKey(), (double) f.getValue(), Double::sum);
            }
        }
        String[] topics = sums.keySet().stream().sorted().toArray(String[]::new);
        int[][] keys = new int[topics.length][];
        float[][] values = new float[topics.length][];
        for (int t = 0; t < topics.length; t++) {
            Map<Integer, Double> sum = sums.get(topics[t]);
            double norm = Math.sqrt(sum.values().stream().mapToDouble(v -> v * v).sum());
            keys[t] = sum.keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
            values[t] = new float[keys[t].length];
            for (int i = 0; i < keys[t].length; i++) values[t][i] = (float) (sum.get(keys[t][i]) / norm);
        }
        return new CharGramModel(topics, idfKeys, idfValues, keys, values);
    }

    /** Probabilities over the topics for the message text (subject and the filer's own words). */
    public Prediction predict(String text) {
        int[] cols = columns(text);
        int topicCount = topics.length;
        double[] score = new double[topicCount];
        double norm = 0;
        for (int i = 0; i < cols.length; ) {
            int col = cols[i];
            int run = 1;
            while (i + run < cols.length && cols[i + run] == col) run++;
            i += run;
            // sublinear TF times IDF, as in training; L2 normalisation applied once at the end
            float w = (float) ((1 + Math.log(run)) * idfValues[col]);
            norm += w * w;
            int base = col * topicCount;
            for (int t = 0; t < topicCount; t++) score[t] += w * centroidsByColumn[base + t];
        }
        double n = Math.sqrt(norm);
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < topicCount; t++) {
            score[t] = (n > 0 ? score[t] / n : 0) * TEMPERATURE;
            max = Math.max(max, score[t]);
        }
        double total = 0;
        for (int t = 0; t < topicCount; t++) total += score[t] = Math.exp(score[t] - max);
        List<TopicScore> ranked = new ArrayList<>(topicCount);
        for (int t = 0; t < topicCount; t++) ranked.add(new TopicScore(topics[t], score[t] / total));
        ranked.sort(Comparator.comparingDouble(TopicScore::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }

    /**
     * The same probabilities computed the plain way, with maps and a binary search per topic: the reference the
     * array layout of {@link #predict} is checked against (CharGramModelTest).
     */
    Prediction predictByMaps(String text) {
        Map<Integer, Float> doc = weigh(grams(text), idfKeys, idfValues);
        double[] score = new double[topics.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < topics.length; t++) {
            double dot = 0;
            for (Map.Entry<Integer, Float> f : doc.entrySet()) {
                int i = Arrays.binarySearch(centroidKeys[t], f.getKey());
                if (i >= 0) dot += f.getValue() * centroidValues[t][i];
            }
            score[t] = dot * TEMPERATURE;
            max = Math.max(max, score[t]);
        }
        double total = 0;
        for (int t = 0; t < topics.length; t++) total += score[t] = Math.exp(score[t] - max);
        List<TopicScore> ranked = new ArrayList<>(topics.length);
        for (int t = 0; t < topics.length; t++) ranked.add(new TopicScore(topics[t], score[t] / total));
        ranked.sort(Comparator.comparingDouble(TopicScore::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }

    /** The columns of the text's n-grams that training saw, sorted, one entry per occurrence. */
    private int[] columns(String text) {
        String norm = normalised(text);
        int limit = Math.min(norm.length(), MAX_CHARS);
        int[] out = new int[Math.max(0, limit * (MAX_N - MIN_N + 1))];
        int count = 0;
        for (int i = 0; i < limit; i++) {
            int h = 0;
            for (int k = 0; k < MAX_N && i + k < limit; k++) {
                h = 31 * h + norm.charAt(i + k); // String.hashCode of norm.substring(i, i + k + 1), without the string
                if (k + 1 >= MIN_N) {
                    int col = columnOf[h & ((1 << BITS) - 1)];
                    if (col >= 0) out[count++] = col;
                }
            }
        }
        int[] cols = Arrays.copyOf(out, count);
        Arrays.sort(cols);
        return cols;
    }

    /** Stratified k-fold cross-validation over the same folds as the primary model ({@link Folds}). */
    public static List<HeldOut> crossValidate(List<Example> examples, int folds, long seed) {
        List<List<Example>> split = Folds.split(examples, folds, seed);
        List<HeldOut> out = new ArrayList<>();
        for (int k = 0; k < folds; k++) {
            CharGramModel model = train(MailShape.of(Folds.without(split, k)));
            for (Example e : split.get(k)) out.add(new HeldOut(e.topic(), model.predict(Trainer.text(e))));
        }
        return out;
    }

    /** Character n-gram counts of the normalised words, each word padded with spaces so its ends count. */
    static Map<Integer, Integer> grams(String text) {
        Map<Integer, Integer> counts = new HashMap<>();
        String norm = normalised(text);
        int limit = Math.min(norm.length(), MAX_CHARS);
        for (int i = 0; i < limit; i++) {
            for (int n = MIN_N; n <= MAX_N && i + n <= limit; n++) {
                int h = norm.substring(i, i + n).hashCode() & ((1 << BITS) - 1);
                counts.merge(h, 1, Integer::sum);
            }
        }
        return counts;
    }

    private static String normalised(String text) {
        return " " + String.join(" ", Tokens.normalize(text).split("[^a-z0-9]+")).strip() + " ";
    }

    /** Sublinear TF times IDF, L2-normalised; n-grams never seen in training are dropped. */
    private static Map<Integer, Float> weigh(Map<Integer, Integer> counts, int[] idfKeys, float[] idfValues) {
        Map<Integer, Float> w = new HashMap<>();
        double norm = 0;
        for (Map.Entry<Integer, Integer> c : counts.entrySet()) {
            int i = Arrays.binarySearch(idfKeys, c.getKey());
            if (i < 0) continue;
            float v = (float) ((1 + Math.log(c.getValue())) * idfValues[i]);
            w.put(c.getKey(), v);
            norm += v * v;
        }
        double n = Math.sqrt(norm);
        if (n > 0) w.replaceAll((k, v) -> (float) (v / n));
        return w;
    }

    public void write(OutputStream out) throws IOException {
        GZIPOutputStream gz = new GZIPOutputStream(out);
        DataOutputStream d = new DataOutputStream(gz);
        d.writeInt(MAGIC);
        d.writeInt(topics.length);
        for (String t : topics) d.writeUTF(t);
        writeSparse(d, idfKeys, idfValues);
        for (int t = 0; t < topics.length; t++) writeSparse(d, centroidKeys[t], centroidValues[t]);
        d.flush();
        gz.finish(); // the caller closes the file
    }

    public static CharGramModel read(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(new GZIPInputStream(in));
        if (d.readInt() != MAGIC) throw new IOException("not a character n-gram model");
        String[] topics = new String[d.readInt()];
        for (int t = 0; t < topics.length; t++) topics[t] = d.readUTF();
        int[][] idf = new int[1][];
        float[] idfValues = readSparse(d, idf);
        int[][] keys = new int[topics.length][];
        float[][] values = new float[topics.length][];
        for (int t = 0; t < topics.length; t++) {
            int[][] k = new int[1][];
            values[t] = readSparse(d, k);
            keys[t] = k[0];
        }
        return new CharGramModel(topics, idf[0], idfValues, keys, values);
    }

    private static void writeSparse(DataOutputStream d, int[] keys, float[] values) throws IOException {
        d.writeInt(keys.length);
        for (int k : keys) d.writeInt(k);
        for (float v : values) d.writeFloat(v);
    }

    private static float[] readSparse(DataInputStream d, int[][] keysOut) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > (1 << BITS)) throw new IOException("corrupt character n-gram model");
        int[] keys = new int[n];
        for (int i = 0; i < n; i++) keys[i] = d.readInt();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = d.readFloat();
        keysOut[0] = keys;
        return values;
    }
}
