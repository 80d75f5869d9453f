package mailclerk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mailclerk.classify.ClerkLabels;
import mailclerk.classify.ModelStore;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.Retraining;
import mailclerk.classify.TopicModel;
import mailclerk.classify.TrainingOptions;
import mailclerk.config.Settings;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.ReadLimits;
import mailclerk.respond.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What a court's own labels buy: half of a labelled set plays the pilot (each message a clerk answered with an
 * approved answer becomes a clerk's label, as the console records it), the other half measures. For each N the corpus
 * plus the labels of the pilot's first N messages is trained from scratch in a scratch directory (nothing under
 * models/ is touched) and decided on the measured half.
 */
@Command(name = "learning-curve", mixinStandardHelpOptions = true,
        description = "Retrain with the clerks' labels from the first N pilot messages (half of a labelled set) and "
                + "measure answers and wrong replies on the other half, for each N. Takes a minute or so per N.")
public class LearningCurveCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--labels", required = true, paramLabel = "DIR/labels.tsv",
            description = "tab-separated: file, expected_action, expected_topic, note; the .eml files sit beside it")
    Path labels;

    @Option(names = "--steps", split = ",", defaultValue = "0,25,50,75",
            description = "numbers of pilot messages (default: ${DEFAULT-VALUE})")
    List<Integer> steps;

    @Option(names = "--seed", defaultValue = "7", description = "the split's seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--folds", defaultValue = "5", description = "cross-validation folds per training (default: ${DEFAULT-VALUE})")
    int folds;

    @Option(names = "--clerk-weight", defaultValue = "1",
            description = "count each clerk label this many times (to measure weighting a court's own labels above the "
                    + "corpus; repeated labels can sit on both sides of a cross-validation fold; default: ${DEFAULT-VALUE})")
    int clerkWeight;

    @Override
    public Integer call() throws Exception {
        if (clerkWeight < 1 || clerkWeight > 100) throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "--clerk-weight is 1 to 100");
        Settings s = config.settings();
        PilotSplit split = PilotSplit.of(PilotSplit.read(labels), seed);
        Set<String> answerable = Wiring.templates(s).topics();
        double target = s.getDouble("classifier.target-precision", 0.99);
        ReadLimits limits = ReadLimits.from(s);
        long measuredReplies = split.measured().stream().filter(l -> "reply".equals(l.action())).count();
        System.out.printf(Locale.ROOT, "%s: %d pilot messages, %d measured (%d should be answered); seed %d; clerk labels "
                        + "counted %d time(s)%n", labels, split.pilot().size(), split.measured().size(), measuredReplies, seed,
                clerkWeight);
        System.out.println("pilot messages  clerk labels  answered right  coverage  wrong replies  flagged  training s");
        Path scratch = Files.createTempDirectory("mailclerk-curve");
        try {
            for (int n : steps) {
                Path models = scratch.resolve("n" + n);
                copyCorpus(Wiring.modelsDir(s).resolve("corpus"), models.resolve("corpus"));
                ClerkLabels clerk = new ClerkLabels(models);
                List<PilotSplit.Labelled> labelled = split.labelledAfter(n);
                for (PilotSplit.Labelled l : labelled) {
                    IncomingMessage in = EmlFiles.read(labels.resolveSibling(l.file()), limits);
                    for (int w = 0; w < clerkWeight; w++) {
                        clerk.append(l.clerkLabel(), in.subject(), Preprocessor.ownWords(in.subject(), in.text()));
                    }
                }
                ModelStore store = new ModelStore(models);
                long t0 = System.nanoTime();
                String version = Retraining.run(store, answerable, target, TrainingOptions.defaults(), folds, line -> {
                }).version();
                double seconds = (System.nanoTime() - t0) / 1e9;
                Evaluation e = EvaluateCommand.evaluate(s, store.load(version), labels, split.measured());
                long right = e.total() == 0 ? 0 : Math.round(e.coverage() * measuredReplies);
                System.out.printf(Locale.ROOT, "%14d  %12d  %14d  %7.1f %%  %13d  %7d  %10.0f%n", Math.min(n, split.pilot().size()),
                        labelled.size(), right, 100 * e.coverage(), e.wrongReplies().size(), e.taken("flag"), seconds);
                for (Evaluation.Case c : e.wrongReplies()) {
                    System.out.println("    wrong: " + c.file() + " expected " + c.expectedAction() + "/" + c.expectedTopic()
                            + ", replied " + c.decision().topic());
                }
            }
        } finally {
            deleteTree(scratch);
        }
        return 0;
    }

    private static void copyCorpus(Path from, Path to) throws java.io.IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(all.toList());
            java.util.Collections.reverse(paths);
            for (Path p : paths) Files.deleteIfExists(p);
        }
    }
}
