package mailclerk.respond;

/** What happened to one message in a poll, for the demo and the operator's log. */
public record Outcome(long uid, String messageId, String action, String topic, double confidence, String reason,
                      String folder, String replyTo, boolean done) {
}
