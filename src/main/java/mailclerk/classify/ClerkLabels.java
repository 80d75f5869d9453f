package mailclerk.classify;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends what clerks decided to {@code models/clerk-labelled.tsv} ({@code topic<TAB>text}, line breaks written as
 * {@code \n}), which {@code train} reads with the corpus.
 */
public final class ClerkLabels {
    private static final int MAX_TEXT = 20_000;
    private final Path file;

    public ClerkLabels(Path modelsDir) {
        this.file = modelsDir.resolve(Corpus.CLERK_FILE);
    }

    public Path file() {
        return file;
    }

    public synchronized void append(String topic, String subject, String text) {
        String t = ((subject == null ? "" : subject + "\n") + (text == null ? "" : text)).strip();
        if (t.length() > MAX_TEXT) t = t.substring(0, MAX_TEXT);
        String line = topic + "\t" + t.replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n") + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
