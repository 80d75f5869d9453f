package mailclerk.classify;

/** A cross-validation result: the labelled topic and what a model that never saw the example predicted. */
public record HeldOut(String expected, Prediction prediction) {
}
