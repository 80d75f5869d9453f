package mailclerk.classify;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import opennlp.tools.doccat.DoccatModel;

/**
 * One training run: cross-validate both models on the same folds, choose each one's confidence rule on the
 * held-out folds, measure the pair, fit both on everything, save them as one new (inactive) version. Shared by the
 * {@code train} command and the console.
 */
public final class Retraining {
    /** The second model's own bar: it only has to confirm the primary's topic, not to stand alone at 0.99. */
    public static final double DEFAULT_SECOND_TARGET = 0.90;

    private Retraining() {
    }

    public static ModelMetadata run(ModelStore store, Set<String> answerable, double target, TrainingOptions options,
                                    int folds, Consumer<String> progress) {
        return run(store, answerable, target, DEFAULT_SECOND_TARGET, options, folds, progress);
    }

    public static ModelMetadata run(ModelStore store, Set<String> answerable, double target, double secondTarget,
                                    TrainingOptions options, int folds, Consumer<String> progress) {
        Corpus corpus = Corpus.load(store.dir()).withoutThin(Corpus.MIN_EXAMPLES, progress);
        Trainer trainer = new Trainer(options);
        progress.accept(String.format(Locale.ROOT, "corpus: %d examples, %d topics (sha256 %s)", corpus.examples().size(),
                corpus.topics().size(), corpus.sha256().substring(0, 12)));
        progress.accept(String.format(Locale.ROOT, "training %s and %s, %d-fold cross-validation...",
                options.describe(), CharGramModel.ALGORITHM, folds));
        long t0 = System.nanoTime();
        List<HeldOut> heldOut = trainer.crossValidate(corpus.examples(), folds, 42);
        List<HeldOut> secondHeldOut = CharGramModel.crossValidate(corpus.examples(), folds, 42);
        ConfidenceRule alone = ConfidenceRule.choose(heldOut, answerable, target);
        ConfidenceRule secondRule = ConfidenceRule.choose(secondHeldOut, answerable, secondTarget);
        ConfidenceRule rule = PairRule.choosePrimary(heldOut, secondHeldOut, answerable, secondRule, target);
        PairRule pair = PairRule.measure(heldOut, secondHeldOut, answerable, rule, secondRule);
        ConfidenceRule primaryAlone = ConfidenceRule.measure(heldOut, answerable, rule.threshold(), rule.margin(),
                heldOut.stream().filter(h -> answerable.contains(h.expected())).count());
        double accuracy = accuracy(heldOut);
        double secondAccuracy = accuracy(secondHeldOut);
        progress.accept("embedding the corpus for the embedding reader (" + SentenceEmbedder.MODEL + ")...");
        List<Example> training = MailShape.of(corpus.examples());
        java.util.Map<Example, float[]> embeddings = EmbeddingReader.embed(training, SentenceEmbedder.shared());
        List<HeldOut> readerHeldOut = EmbeddingReader.crossValidate(corpus.examples(), embeddings, folds, 42);
        ConfidenceRule readerRule = ConfidenceRule.choose(readerHeldOut, answerable, target);
        double readerAccuracy = accuracy(readerHeldOut);
        progress.accept("cross-validation done; training on the whole corpus...");
        DoccatModel model = trainer.fit(training);
        CharGramModel second = CharGramModel.train(training);
        EmbeddingReader reader = EmbeddingReader.train(EmbeddingReader.samples(training, embeddings), 42);
        double seconds = (System.nanoTime() - t0) / 1e9;
        String version = ModelStore.newVersionName(Instant.now());
        SecondModelInfo secondInfo = new SecondModelInfo(CharGramModel.ALGORITHM, secondRule.threshold(),
                secondRule.margin(), secondTarget, secondAccuracy, secondRule.coverage(), secondRule.precision(),
                pair.coverage(), pair.precision(), pair.wrong());
        ModelMetadata meta = new ModelMetadata(version, Instant.now(), options.describe(), corpus.examples().size(),
                corpus.sha256(), rule.threshold(), rule.margin(), target, folds, accuracy, primaryAlone.coverage(),
                primaryAlone.precision(), primaryAlone.wrong(), secondInfo)
                .withReader(new ReaderInfo(EmbeddingReader.ALGORITHM, readerRule.threshold(), readerRule.margin(), target,
                        readerAccuracy, readerRule.coverage(), readerRule.precision(), readerRule.wrong()));
        store.save(model, second, reader, meta);
        progress.accept(String.format(Locale.ROOT, "held-out accuracy (topic family): primary %.3f, second %.3f",
                accuracy, secondAccuracy));
        progress.accept(String.format(Locale.ROOT, "primary alone would need threshold %.2f, margin %.2f for precision >= %.2f "
                        + "(%d replies, wrong %d, precision %.3f, coverage %.3f)", alone.threshold(), alone.margin(), target,
                alone.answered(), alone.wrong(), alone.precision(), alone.coverage()));
        progress.accept(String.format(Locale.ROOT, "primary rule chosen for the pair's precision >= %.2f: threshold %.2f, margin %.2f "
                        + "(primary alone at it: %d replies, wrong %d, precision %.3f, coverage %.3f)", target, rule.threshold(),
                rule.margin(), primaryAlone.answered(), primaryAlone.wrong(), primaryAlone.precision(), primaryAlone.coverage()));
        progress.accept(String.format(Locale.ROOT, "second confidence rule for precision >= %.2f: threshold %.2f, margin %.2f "
                        + "(alone: %d replies, wrong %d, precision %.3f, coverage %.3f)", secondTarget, secondRule.threshold(),
                secondRule.margin(), secondRule.answered(), secondRule.wrong(), secondRule.precision(), secondRule.coverage()));
        progress.accept(String.format(Locale.ROOT, "held-out automatic replies (both models agree, both confident): %d, wrong %d, precision %.3f, coverage %.3f",
                pair.answered(), pair.wrong(), pair.precision(), pair.coverage()));
        progress.accept(String.format(Locale.ROOT, "embedding reader: held-out accuracy %.3f; rule for precision >= %.2f: threshold %.2f, "
                        + "margin %.2f (%d replies, wrong %d, precision %.3f, coverage %.3f)", readerAccuracy, target,
                readerRule.threshold(), readerRule.margin(), readerRule.answered(), readerRule.wrong(), readerRule.precision(),
                readerRule.coverage()));
        progress.accept(String.format(Locale.ROOT, "model %s written to %s (%.1f s)", version, store.versionDir(version), seconds));
        return meta;
    }

    private static double accuracy(List<HeldOut> heldOut) {
        return heldOut.stream().filter(h -> Topics.family(TopicChoice.of(h.prediction()).topic())
                .equals(Topics.family(h.expected()))).count() / (double) heldOut.size();
    }
}
