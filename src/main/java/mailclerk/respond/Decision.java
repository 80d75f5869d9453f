package mailclerk.respond;

import java.util.List;
import mailclerk.classify.TopicScore;

/**
 * The responder's decision for one message.
 *
 * @param topic       the topic answered, or suggested to the clerk (null when there is none)
 * @param confidence  the classifier's confidence in {@code topic} (0 when not classified)
 * @param reason      a short reason in words an operator and a clerk understand
 * @param suggestions the classifier's top topics, for the clerk
 * @param recipient   for a reply (or a draft), its one recipient
 * @param draft       a flag that would have been a reply, held for a clerk by the pilot mode ({@link PilotMode})
 */
public record Decision(Action action, String topic, double confidence, String reason, List<TopicScore> suggestions,
                       String recipient, String modelVersion, boolean draft) {

    public Decision(Action action, String topic, double confidence, String reason, List<TopicScore> suggestions,
                    String recipient, String modelVersion) {
        this(action, topic, confidence, reason, suggestions, recipient, modelVersion, false);
    }

    public static Decision ignore(String reason) {
        return new Decision(Action.IGNORE, null, 0, reason, List.of(), null, null);
    }

    public Decision asFlag(String why) {
        return new Decision(Action.FLAG, topic, confidence, why, suggestions, null, modelVersion);
    }

    /** This reply, held for a clerk: flagged, with its topic and recipient kept for the clerk's one-click send. */
    public Decision asDraft(String why) {
        return new Decision(Action.FLAG, topic, confidence, why, suggestions, recipient, modelVersion, true);
    }
}
