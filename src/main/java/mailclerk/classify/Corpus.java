package mailclerk.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The training corpus under {@code models/}: {@code corpus/<topic-id>.txt} with one example per line ('#' starts
 * a comment), plus the clerks' corrections in {@code clerk-labelled.tsv} ({@code topic<TAB>text}, the text with
 * line breaks written as the two characters \n).
 */
public record Corpus(List<Example> examples, String sha256) {
    public static final String CLERK_FILE = "clerk-labelled.tsv";

    public static Corpus load(Path modelsDir) {
        List<Example> out = new ArrayList<>();
        MessageDigest digest = newDigest();
        Path corpusDir = modelsDir.resolve("corpus");
        try (Stream<Path> files = Files.list(corpusDir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                String topic = f.getFileName().toString().replaceFirst("\\.txt$", "");
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (l.isEmpty() || l.startsWith("#")) continue;
                    out.add(new Example(topic, l));
                    digest.update((topic + "\t" + l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            Path clerk = modelsDir.resolve(CLERK_FILE);
            if (Files.exists(clerk)) {
                for (String line : Files.readAllLines(clerk, StandardCharsets.UTF_8)) {
                    int tab = line.indexOf('\t');
                    if (line.isBlank() || line.startsWith("#") || tab <= 0) continue;
                    String topic = line.substring(0, tab).strip();
                    String text = line.substring(tab + 1).replace("\\n", "\n");
                    out.add(new Example(topic, text));
                    digest.update((topic + "\t" + text + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus under " + modelsDir, e);
        }
        return new Corpus(List.copyOf(out), HexFormat.of().formatHex(digest.digest()));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fewer examples than this and a topic is too thin to learn: it is left out of training, and said so. */
    public static final int MIN_EXAMPLES = 5;

    /**
     * This corpus without the topics that have fewer than {@code min} examples (a topic added on the Topics page
     * before clerks have labelled enough of its mail); {@code report} hears each one left out.
     */
    public Corpus withoutThin(int min, java.util.function.Consumer<String> report) {
        java.util.Map<String, Long> counts = examples.stream().collect(java.util.stream.Collectors.groupingBy(Example::topic,
                java.util.TreeMap::new, java.util.stream.Collectors.counting()));
        java.util.Set<String> thin = new java.util.TreeSet<>();
        counts.forEach((topic, n) -> {
            if (n < min) {
                thin.add(topic);
                report.accept("too thin to learn, left out: " + topic + " (" + n + " example" + (n == 1 ? "" : "s")
                        + ", needs " + min + ")");
            }
        });
        if (thin.isEmpty()) return this;
        return new Corpus(examples.stream().filter(e -> !thin.contains(e.topic())).toList(), sha256);
    }

    /** How many examples each topic has. */
    public java.util.Map<String, Long> counts() {
        return examples.stream().collect(java.util.stream.Collectors.groupingBy(Example::topic, java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
    }

    public List<String> topics() {
        return examples.stream().map(Example::topic).distinct().sorted().toList();
    }
}
