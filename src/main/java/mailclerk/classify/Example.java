package mailclerk.classify;

/** One labelled training or evaluation text. */
public record Example(String topic, String text) {
}
