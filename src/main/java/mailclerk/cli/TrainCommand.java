package mailclerk.cli;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import mailclerk.classify.ConfidenceRule;
import mailclerk.classify.Corpus;
import mailclerk.classify.HeldOut;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.ModelStore;
import mailclerk.classify.TopicChoice;
import mailclerk.classify.Topics;
import mailclerk.classify.Trainer;
import mailclerk.classify.TrainingOptions;
import mailclerk.config.Settings;
import opennlp.tools.doccat.DoccatModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a new model version from the corpus under models/, cross-validate it, choose its "
                + "confidence threshold, and write it with its metadata under models/versions/.")
public class TrainCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--algorithm", description = "MAXENT, NAIVEBAYES or PERCEPTRON (default: ${DEFAULT-VALUE})", defaultValue = "MAXENT")
    String algorithm;

    @Option(names = "--iterations", defaultValue = "300", description = "training iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--bigrams", description = "add word pairs to the bag of words (lower held-out coverage on our corpus: docs/classifier.md)")
    boolean bigrams;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--activate", description = "make the new model the active one, if it is not worse than the "
            + "active one on the evaluation set (evaluation.labels)")
    boolean activate;

    @Option(names = "--force", description = "with --activate: activate even a model that is worse on the evaluation set")
    boolean force;

    @Override
    public Integer call() {
        Settings s = config.settings();
        ModelStore store = new ModelStore(Wiring.modelsDir(s));
        Set<String> answerable = Wiring.templates(s).topics();
        double target = s.getDouble("classifier.target-precision", 0.99);
        Corpus corpus = Corpus.load(store.dir());
        TrainingOptions options = new TrainingOptions(algorithm.toUpperCase(Locale.ROOT), 1, iterations, bigrams);
        Trainer trainer = new Trainer(options);
        System.out.printf("corpus: %d examples, %d topics (sha256 %s)%n", corpus.examples().size(),
                corpus.topics().size(), corpus.sha256().substring(0, 12));
        System.out.printf("training %s, %d-fold cross-validation...%n", options.describe(), folds);
        long t0 = System.nanoTime();
        List<HeldOut> heldOut = trainer.crossValidate(corpus.examples(), folds, 42);
        ConfidenceRule rule = ConfidenceRule.choose(heldOut, answerable, target);
        double accuracy = heldOut.stream().filter(h -> Topics.family(TopicChoice.of(h.prediction()).topic())
                .equals(Topics.family(h.expected()))).count() / (double) heldOut.size();
        DoccatModel model = trainer.fit(corpus.examples());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String version = ModelStore.newVersionName(Instant.now());
        ModelMetadata meta = new ModelMetadata(version, Instant.now(), options.describe(), corpus.examples().size(),
                corpus.sha256(), rule.threshold(), rule.margin(), target, folds, accuracy, rule.coverage(),
                rule.precision(), rule.wrong());
        store.save(model, meta);
        System.out.printf(Locale.ROOT, "held-out accuracy (topic family): %.3f%n", accuracy);
        System.out.printf(Locale.ROOT, "confidence rule for precision >= %.2f: threshold %.2f, margin %.2f%n",
                target, rule.threshold(), rule.margin());
        System.out.printf(Locale.ROOT, "held-out automatic replies: %d, wrong %d, precision %.3f, coverage %.3f%n",
                rule.answered(), rule.wrong(), rule.precision(), rule.coverage());
        System.out.printf(Locale.ROOT, "model %s written to %s (%.1f s)%n", version, store.versionDir(version), seconds);
        if (store.activeVersion().isEmpty()) {
            store.activate(version);
            System.out.println("model " + version + " is now active");
        } else if (activate) {
            if (force || notWorse(s, store, version)) {
                store.activate(version);
                System.out.println("model " + version + " is now active");
            } else {
                System.out.println("NOT activated: " + version + " is worse than the active model on the evaluation set "
                        + "(use --activate --force to activate it anyway)");
                return 3;
            }
        } else {
            System.out.println("active model unchanged (" + store.activeVersion().get() + "); `mailclerk model activate "
                    + version + "` to switch");
        }
        return 0;
    }

    /** Fewer wrong replies wins; with as many, higher coverage. Without an evaluation set, nothing is compared. */
    private static boolean notWorse(Settings s, ModelStore store, String candidate) {
        java.nio.file.Path labels = s.getPath("evaluation.labels", "src/test/resources/dev-emails/labels.tsv");
        if (!java.nio.file.Files.exists(labels)) {
            System.out.println("no evaluation set at " + labels + ": not compared");
            return true;
        }
        try {
            String active = store.activeVersion().orElseThrow();
            mailclerk.respond.Evaluation now = EvaluateCommand.evaluate(s, store.load(active), labels);
            mailclerk.respond.Evaluation next = EvaluateCommand.evaluate(s, store.load(candidate), labels);
            System.out.printf(Locale.ROOT, "evaluation set %s:%n  active %s: wrong replies %d, coverage %.3f%n  new    %s: wrong replies %d, coverage %.3f%n",
                    labels, active, now.wrongReplies().size(), now.coverage(), candidate, next.wrongReplies().size(), next.coverage());
            if (next.wrongReplies().size() != now.wrongReplies().size()) {
                return next.wrongReplies().size() < now.wrongReplies().size();
            }
            return next.coverage() >= now.coverage();
        } catch (Exception e) {
            System.out.println("evaluation failed (" + e.getMessage() + "): not activated");
            return false;
        }
    }
}
