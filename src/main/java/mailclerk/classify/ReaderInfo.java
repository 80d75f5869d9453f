package mailclerk.classify;

import java.util.Properties;

/**
 * The embedding reader's part of a model version's metadata ({@code reader.*} in model.properties): its held-out
 * figures and the confidence rule chosen for it on the corpus's folds, at the same target precision as the pair.
 */
public record ReaderInfo(String algorithm, double threshold, double margin, double targetPrecision, double cvAccuracy,
                         double cvCoverage, double cvPrecision, int cvWrongReplies) {

    static ReaderInfo read(Properties p) {
        if (p.getProperty("reader.threshold") == null) return null;
        return new ReaderInfo(
                p.getProperty("reader.algorithm", EmbeddingReader.ALGORITHM),
                Double.parseDouble(p.getProperty("reader.threshold")),
                Double.parseDouble(p.getProperty("reader.margin", "0")),
                Double.parseDouble(p.getProperty("reader.target-precision", "0.99")),
                Double.parseDouble(p.getProperty("reader.cv.accuracy", "0")),
                Double.parseDouble(p.getProperty("reader.cv.coverage", "0")),
                Double.parseDouble(p.getProperty("reader.cv.precision", "0")),
                Integer.parseInt(p.getProperty("reader.cv.wrong-replies", "0")));
    }

    void write(Properties p) {
        p.setProperty("reader.algorithm", algorithm);
        p.setProperty("reader.threshold", Double.toString(threshold));
        p.setProperty("reader.margin", Double.toString(margin));
        p.setProperty("reader.target-precision", Double.toString(targetPrecision));
        p.setProperty("reader.cv.accuracy", Double.toString(cvAccuracy));
        p.setProperty("reader.cv.coverage", Double.toString(cvCoverage));
        p.setProperty("reader.cv.precision", Double.toString(cvPrecision));
        p.setProperty("reader.cv.wrong-replies", Integer.toString(cvWrongReplies));
    }
}
