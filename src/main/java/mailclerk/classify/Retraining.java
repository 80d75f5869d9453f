package mailclerk.classify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import opennlp.tools.doccat.DoccatModel;

/**
 * One training run: cross-validate on the corpus, choose the confidence rule on the held-out folds, fit on
 * everything, save as a new (inactive) version. Shared by the {@code train} command and the console.
 */
public final class Retraining {
    private Retraining() {
    }

    public static ModelMetadata run(ModelStore store, Set<String> answerable, double target, TrainingOptions options,
                                    int folds, Consumer<String> progress) {
        Corpus corpus = Corpus.load(store.dir());
        Trainer trainer = new Trainer(options);
        progress.accept(String.format(Locale.ROOT, "corpus: %d examples, %d topics (sha256 %s)", corpus.examples().size(),
                corpus.topics().size(), corpus.sha256().substring(0, 12)));
        progress.accept(String.format(Locale.ROOT, "training %s, %d-fold cross-validation...", options.describe(), folds));
        long t0 = System.nanoTime();
        List<HeldOut> heldOut = trainer.crossValidate(corpus.examples(), folds, 42);
        ConfidenceRule rule = ConfidenceRule.choose(heldOut, answerable, target);
        double accuracy = heldOut.stream().filter(h -> Topics.family(TopicChoice.of(h.prediction()).topic())
                .equals(Topics.family(h.expected()))).count() / (double) heldOut.size();
        progress.accept("cross-validation done; training on the whole corpus...");
        DoccatModel model = trainer.fit(corpus.examples());
        double seconds = (System.nanoTime() - t0) / 1e9;
        String version = ModelStore.newVersionName(Instant.now());
        ModelMetadata meta = new ModelMetadata(version, Instant.now(), options.describe(), corpus.examples().size(),
                corpus.sha256(), rule.threshold(), rule.margin(), target, folds, accuracy, rule.coverage(),
                rule.precision(), rule.wrong());
        store.save(model, meta);
        progress.accept(String.format(Locale.ROOT, "held-out accuracy (topic family): %.3f", accuracy));
        progress.accept(String.format(Locale.ROOT, "confidence rule for precision >= %.2f: threshold %.2f, margin %.2f",
                target, rule.threshold(), rule.margin()));
        progress.accept(String.format(Locale.ROOT, "held-out automatic replies: %d, wrong %d, precision %.3f, coverage %.3f",
                rule.answered(), rule.wrong(), rule.precision(), rule.coverage()));
        progress.accept(String.format(Locale.ROOT, "model %s written to %s (%.1f s)", version, store.versionDir(version), seconds));
        return meta;
    }
}
