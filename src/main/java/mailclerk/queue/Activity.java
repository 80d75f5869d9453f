package mailclerk.queue;

/**
 * One handled message for the dashboard: when it arrived, the responder's action ({@code reply} counts only when the
 * reply went out), its topic, and when a clerk acted on it (0 while nobody has).
 */
public record Activity(long receivedAt, String action, boolean replySent, String topic, long clerkAt) {
}
