package mailclerk.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The active model in a test's own models folder, so that clerk labels and new versions a test makes stay there. */
final class TestModels {
    private TestModels() {
    }

    static Path copyActive(Path dir) throws Exception {
        Path models = dir.resolve("models");
        String active = Files.readString(Path.of("models/ACTIVE")).strip();
        Path from = Path.of("models/versions", active);
        Path to = Files.createDirectories(models.resolve("versions").resolve(active));
        Files.copy(Path.of("models/ACTIVE"), models.resolve("ACTIVE"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) Files.copy(f, to.resolve(f.getFileName()));
        }
        return models;
    }
}
