package mailclerk.classify;

/**
 * How a model is trained. OpenNLP's defaults (cutoff 5) drop most words of a corpus this small, hence cutoff 1.
 *
 * @param algorithm OpenNLP trainer: MAXENT, NAIVEBAYES, PERCEPTRON
 * @param ngrams    add word bigrams to the bag of words
 */
public record TrainingOptions(String algorithm, int cutoff, int iterations, boolean ngrams) {

    public static TrainingOptions defaults() {
        return new TrainingOptions("MAXENT", 1, 300, false);
    }

    public String describe() {
        return algorithm + (ngrams ? "+bigrams" : "") + " cutoff=" + cutoff + " iterations=" + iterations;
    }
}
