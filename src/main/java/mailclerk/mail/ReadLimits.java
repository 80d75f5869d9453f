package mailclerk.mail;

import mailclerk.config.Settings;

/**
 * Bounds on what one message may cost us. Beyond {@code maxMessageBytes} the body is never fetched and the
 * message goes to a clerk; the other limits cut the parse short and record a problem.
 */
public record ReadLimits(long maxMessageBytes, int maxParts, int maxDepth, int maxTextChars, int maxHeaderChars,
                         int maxHeaders) {

    public static ReadLimits from(Settings s) {
        return new ReadLimits(
                s.getLong("limits.max-message-bytes", 10L * 1024 * 1024),
                s.getInt("limits.max-mime-parts", 200),
                s.getInt("limits.max-mime-depth", 10),
                s.getInt("limits.max-text-chars", 100_000),
                s.getInt("limits.max-header-chars", 16_384),
                s.getInt("limits.max-headers", 500));
    }

    public static ReadLimits defaults() {
        return new ReadLimits(10L * 1024 * 1024, 200, 10, 100_000, 16_384, 500);
    }
}
