package mailclerk.queue;

/**
 * A would-be automatic reply held for a clerk, and what the clerk said of it.
 *
 * @param verdict    "confirmed", "corrected", or null while no clerk has judged it
 * @param clerkTopic the topic the clerk answered instead (null when confirmed, or when a person had to answer)
 */
public record PilotDraft(String topic, String verdict, String clerkTopic) {
}
