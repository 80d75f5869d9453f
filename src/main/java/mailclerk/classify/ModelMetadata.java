package mailclerk.classify;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/**
 * What an administrator (and the responder) needs to know of a trained model: when and from what it was
 * trained, how it scored on held-out folds, and the confidence rule chosen for it.
 *
 * @param threshold minimum probability of the best topic for an automatic reply
 * @param margin    minimum gap between the best and the second topic family
 * @param second    the second opinion's figures and rule; null for versions trained before it existed
 * @param reader    the embedding reader's figures and rule; null for versions trained before it existed
 */
public record ModelMetadata(String version, Instant trainedAt, String algorithm, int corpusSize, String corpusHash,
                            double threshold, double margin, double targetPrecision, int folds,
                            double cvAccuracy, double cvCoverage, double cvPrecision, int cvWrongReplies,
                            SecondModelInfo second, ReaderInfo reader) {

    public ModelMetadata(String version, Instant trainedAt, String algorithm, int corpusSize, String corpusHash,
                         double threshold, double margin, double targetPrecision, int folds, double cvAccuracy,
                         double cvCoverage, double cvPrecision, int cvWrongReplies, SecondModelInfo second) {
        this(version, trainedAt, algorithm, corpusSize, corpusHash, threshold, margin, targetPrecision, folds, cvAccuracy,
                cvCoverage, cvPrecision, cvWrongReplies, second, null);
    }

    public ModelMetadata withReader(ReaderInfo r) {
        return new ModelMetadata(version, trainedAt, algorithm, corpusSize, corpusHash, threshold, margin, targetPrecision,
                folds, cvAccuracy, cvCoverage, cvPrecision, cvWrongReplies, second, r);
    }

    public static ModelMetadata read(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return new ModelMetadata(
                p.getProperty("version"),
                Instant.parse(p.getProperty("trained-at")),
                p.getProperty("algorithm"),
                Integer.parseInt(p.getProperty("corpus.size", "0")),
                p.getProperty("corpus.sha256", ""),
                Double.parseDouble(p.getProperty("threshold")),
                Double.parseDouble(p.getProperty("margin", "0")),
                Double.parseDouble(p.getProperty("target-precision", "0.99")),
                Integer.parseInt(p.getProperty("cv.folds", "0")),
                Double.parseDouble(p.getProperty("cv.accuracy", "0")),
                Double.parseDouble(p.getProperty("cv.coverage", "0")),
                Double.parseDouble(p.getProperty("cv.precision", "0")),
                Integer.parseInt(p.getProperty("cv.wrong-replies", "0")),
                SecondModelInfo.read(p),
                ReaderInfo.read(p));
    }

    public void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("version", version);
        p.setProperty("trained-at", trainedAt.toString());
        p.setProperty("algorithm", algorithm);
        p.setProperty("corpus.size", Integer.toString(corpusSize));
        p.setProperty("corpus.sha256", corpusHash);
        p.setProperty("threshold", Double.toString(threshold));
        p.setProperty("margin", Double.toString(margin));
        p.setProperty("target-precision", Double.toString(targetPrecision));
        p.setProperty("cv.folds", Integer.toString(folds));
        p.setProperty("cv.accuracy", Double.toString(cvAccuracy));
        p.setProperty("cv.coverage", Double.toString(cvCoverage));
        p.setProperty("cv.precision", Double.toString(cvPrecision));
        p.setProperty("cv.wrong-replies", Integer.toString(cvWrongReplies));
        if (second != null) second.write(p);
        if (reader != null) reader.write(p);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            p.store(w, "mailclerk model metadata: written by `train`, read by the responder");
        }
    }
}
