package mailclerk.classify;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import opennlp.tools.doccat.DoccatModel;

/**
 * Model versions under {@code models/versions/<version>/} (the model and its metadata), and which one is active:
 * the file {@code models/ACTIVE} names it, {@code models/ACTIVE.history} lists earlier activations for rollback.
 * Activation replaces ACTIVE atomically, so a running responder never reads half a name.
 */
public final class ModelStore {
    public static final String MODEL_FILE = "model.bin";
    public static final String METADATA_FILE = "model.properties";
    /** The second opinion (character n-grams), versioned with the primary model so activate/rollback switch both. */
    public static final String SECOND_MODEL_FILE = "second.bin";
    /** The embedding reader's regression weights (the embedding model itself ships in the jar). */
    public static final String READER_FILE = "reader.bin";
    private static final DateTimeFormatter VERSION = DateTimeFormatter.ofPattern("'v'yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Path dir;

    public ModelStore(Path modelsDir) {
        this.dir = modelsDir;
    }

    public Path dir() {
        return dir;
    }

    public static String newVersionName(Instant now) {
        return VERSION.format(now);
    }

    public Path versionDir(String version) {
        if (!version.matches("[A-Za-z0-9._-]{1,64}")) throw new IllegalArgumentException("not a model version: " + version);
        return dir.resolve("versions").resolve(version);
    }

    public void save(DoccatModel model, CharGramModel second, ModelMetadata metadata) {
        save(model, second, null, metadata);
    }

    public void save(DoccatModel model, CharGramModel second, EmbeddingReader reader, ModelMetadata metadata) {
        Path v = versionDir(metadata.version());
        try {
            Files.createDirectories(v);
            try (OutputStream out = Files.newOutputStream(v.resolve(MODEL_FILE))) {
                model.serialize(out);
            }
            if (second != null) {
                try (OutputStream out = Files.newOutputStream(v.resolve(SECOND_MODEL_FILE))) {
                    second.write(out);
                }
            }
            if (reader != null) {
                try (OutputStream out = Files.newOutputStream(v.resolve(READER_FILE))) {
                    reader.write(out);
                }
            }
            metadata.write(v.resolve(METADATA_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save model " + metadata.version(), e);
        }
    }

    public List<ModelMetadata> list() {
        Path versions = dir.resolve("versions");
        if (!Files.isDirectory(versions)) return List.of();
        List<ModelMetadata> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(versions)) {
            for (Path v : s.sorted().toList()) {
                Path meta = v.resolve(METADATA_FILE);
                if (Files.exists(meta) && Files.exists(v.resolve(MODEL_FILE))) out.add(ModelMetadata.read(meta));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    public Optional<String> activeVersion() {
        Path active = dir.resolve("ACTIVE");
        try {
            if (!Files.exists(active)) return Optional.empty();
            String v = Files.readString(active, StandardCharsets.UTF_8).strip();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TopicModel loadActive() {
        String v = activeVersion().orElseThrow(() -> new IllegalStateException(
                "no active model under " + dir + ": run `mailclerk train` first"));
        return load(v);
    }

    public TopicModel load(String version) {
        try {
            return TopicModel.load(versionDir(version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load model " + version, e);
        }
    }

    /** Makes {@code version} the active model; the previous one is remembered for {@link #rollback()}. */
    public void activate(String version) {
        if (!Files.exists(versionDir(version).resolve(MODEL_FILE))) {
            throw new IllegalArgumentException("no model version " + version);
        }
        try {
            Optional<String> previous = activeVersion();
            if (previous.isPresent() && !previous.get().equals(version)) {
                Files.writeString(dir.resolve("ACTIVE.history"), previous.get() + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            }
            writeActive(version);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Re-activates the model that was active before the current one; returns its version. */
    public String rollback() {
        Path history = dir.resolve("ACTIVE.history");
        try {
            List<String> lines = Files.exists(history)
                    ? new ArrayList<>(Files.readAllLines(history, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList())
                    : new ArrayList<>();
            if (lines.isEmpty()) throw new IllegalStateException("no earlier model to roll back to");
            String previous = lines.remove(lines.size() - 1).strip();
            Files.write(history, lines, StandardCharsets.UTF_8);
            writeActive(previous);
            return previous;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeActive(String version) throws IOException {
        Path tmp = dir.resolve("ACTIVE.tmp");
        Files.writeString(tmp, version + "\n", StandardCharsets.UTF_8);
        try {
            Files.move(tmp, dir.resolve("ACTIVE"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, dir.resolve("ACTIVE"), StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
