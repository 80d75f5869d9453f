package mailclerk.queue;

import java.time.Instant;

/**
 * An earlier message from the same address and what it got: the responder's action and topic, and, when it went to a
 * clerk, the clerk's action ({@code clerkAction} null while nobody acted on it).
 */
public record SenderHistoryEntry(Instant received, String subject, String action, String topic, String reason,
                                 String clerk, String clerkAction, String clerkTopic, Instant clerkAt) {
}
