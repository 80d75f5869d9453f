package mailclerk.classify;

import java.util.Properties;

/**
 * The second opinion's part of a model version's metadata ({@code second.*} in model.properties): its own
 * held-out figures, the confidence rule chosen for it, and what the pair achieves on the held-out folds when a
 * reply needs both models to agree and both to be confident.
 */
public record SecondModelInfo(String algorithm, double threshold, double margin, double targetPrecision,
                              double cvAccuracy, double cvCoverage, double cvPrecision,
                              double pairCoverage, double pairPrecision, int pairWrongReplies) {

    static SecondModelInfo read(Properties p) {
        if (p.getProperty("second.threshold") == null) return null;
        return new SecondModelInfo(
                p.getProperty("second.algorithm", CharGramModel.ALGORITHM),
                Double.parseDouble(p.getProperty("second.threshold")),
                Double.parseDouble(p.getProperty("second.margin", "0")),
                Double.parseDouble(p.getProperty("second.target-precision", "0")),
                Double.parseDouble(p.getProperty("second.cv.accuracy", "0")),
                Double.parseDouble(p.getProperty("second.cv.coverage", "0")),
                Double.parseDouble(p.getProperty("second.cv.precision", "0")),
                Double.parseDouble(p.getProperty("pair.cv.coverage", "0")),
                Double.parseDouble(p.getProperty("pair.cv.precision", "0")),
                Integer.parseInt(p.getProperty("pair.cv.wrong-replies", "0")));
    }

    void write(Properties p) {
        p.setProperty("second.algorithm", algorithm);
        p.setProperty("second.threshold", Double.toString(threshold));
        p.setProperty("second.margin", Double.toString(margin));
        p.setProperty("second.target-precision", Double.toString(targetPrecision));
        p.setProperty("second.cv.accuracy", Double.toString(cvAccuracy));
        p.setProperty("second.cv.coverage", Double.toString(cvCoverage));
        p.setProperty("second.cv.precision", Double.toString(cvPrecision));
        p.setProperty("pair.cv.coverage", Double.toString(pairCoverage));
        p.setProperty("pair.cv.precision", Double.toString(pairPrecision));
        p.setProperty("pair.cv.wrong-replies", Integer.toString(pairWrongReplies));
    }
}
