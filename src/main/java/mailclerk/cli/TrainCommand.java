package mailclerk.cli;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import mailclerk.classify.ModelStore;
import mailclerk.classify.Retraining;
import mailclerk.classify.TrainingOptions;
import mailclerk.config.Settings;
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
        Set<String> answerable = Wiring.answerableTopics(s);
        double target = s.getDouble("classifier.target-precision", 0.99);
        TrainingOptions options = new TrainingOptions(algorithm.toUpperCase(Locale.ROOT), 1, iterations, bigrams);
        String version = Retraining.run(store, answerable, target, options, folds, System.out::println).version();
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
