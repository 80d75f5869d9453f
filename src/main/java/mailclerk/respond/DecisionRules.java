package mailclerk.respond;

import java.time.Duration;
import java.time.ZoneId;
import mailclerk.config.Settings;

/**
 * The administrator's knobs on the decision.
 *
 * @param thresholdOverride  a confidence threshold that replaces the model's own (NaN: use the model's)
 * @param requireAddressed   flag mail that does not name the help desk in To or Cc (RFC 5230 §4.5)
 */
public record DecisionRules(double thresholdOverride, boolean requireAddressed, Duration replyInterval,
                            int maxRepliesPerSenderPerDay, double splitQuestionConfidence, ZoneId zone) {

    public static DecisionRules from(Settings s) {
        String t = s.get("classifier.threshold", "");
        return new DecisionRules(
                t.isBlank() ? Double.NaN : s.getDouble("classifier.threshold", Double.NaN),
                s.getBoolean("reply.require-addressed", true),
                Duration.ofDays(s.getInt("reply.interval", 7)),
                s.getInt("reply.max-per-sender-per-day", 3),
                s.getDouble("classifier.second-question-confidence", 0.5),
                ZoneId.of(s.get("court.time-zone", "America/Chicago")));
    }
}
