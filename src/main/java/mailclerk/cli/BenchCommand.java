package mailclerk.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mailclerk.classify.Corpus;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.TopicModel;
import mailclerk.classify.Trainer;
import mailclerk.classify.TrainingOptions;
import mailclerk.config.Settings;
import mailclerk.mail.IncomingMessage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure, on one thread: classifications per second, end-to-end decisions per second from raw "
                + ".eml files, and training time for the corpus. Figures depend on the machine: report it with them.")
public class BenchCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--seconds", defaultValue = "5", description = "measuring time per figure (default: ${DEFAULT-VALUE})")
    int seconds;

    @Parameters(paramLabel = "DIR", description = "a directory of .eml files")
    Path dir;

    @Override
    public Integer call() throws Exception {
        Settings s = config.settings();
        FileDecisions decisions = FileDecisions.active(s);
        TopicModel model = decisions.model();
        List<Path> files;
        try (Stream<Path> st = Files.list(dir)) {
            files = st.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
        }
        List<String[]> tokens = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        for (Path f : files) {
            IncomingMessage m = decisions.read(f);
            tokens.add(Preprocessor.tokens(m.subject(), m.text()));
            texts.add(Preprocessor.messageText(m.subject(), Preprocessor.ownWords(m.subject(), m.text())));
        }
        System.out.printf("machine: %d cores, %s %s, Java %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"));
        double classify = rate(() -> {
            for (String[] t : tokens) model.predict(t);
            return tokens.size();
        });
        System.out.printf(Locale.ROOT, "classifications per second (tokens ready, one thread): %.0f%n", classify);
        // each model on the message text, one thread: what a decision costs per model
        System.out.printf(Locale.ROOT, "per model, messages per second (one thread): primary (OpenNLP, tokens ready) %.0f, "
                + "second (character n-grams) %.0f, embedding reader (MiniLM + regression) %.0f%n", classify,
                rate(() -> {
                    for (String t : texts) model.secondOpinion(t);
                    return texts.size();
                }),
                model.hasReader() ? rate(() -> {
                    for (String t : texts) model.readerOpinion(t);
                    return texts.size();
                }) : 0.0);
        double decide = rate(() -> {
            for (Path f : files) decisions.decide(f);
            return files.size();
        });
        System.out.printf(Locale.ROOT, "decisions per second from raw .eml (parse, screen, preprocess, classify): %.0f%n", decide);
        Corpus corpus = Corpus.load(Wiring.modelsDir(s));
        Trainer trainer = new Trainer(TrainingOptions.defaults());
        trainer.fit(corpus.examples()); // warm-up
        long t0 = System.nanoTime();
        trainer.fit(corpus.examples());
        System.out.printf(Locale.ROOT, "training on %d examples (%s): %.2f s%n", corpus.examples().size(),
                TrainingOptions.defaults().describe(), (System.nanoTime() - t0) / 1e9);
        return 0;
    }

    interface Work {
        int run() throws Exception;
    }

    private double rate(Work w) throws Exception {
        long warmEnd = System.nanoTime() + 1_000_000_000L;
        while (System.nanoTime() < warmEnd) w.run();
        long n = 0;
        long t0 = System.nanoTime();
        long end = t0 + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) n += w.run();
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
