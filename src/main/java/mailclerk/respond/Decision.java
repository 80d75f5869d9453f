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
 * @param recipient   for a reply, its one recipient
 */
public record Decision(Action action, String topic, double confidence, String reason, List<TopicScore> suggestions,
                       String recipient, String modelVersion) {

    public static Decision ignore(String reason) {
        return new Decision(Action.IGNORE, null, 0, reason, List.of(), null, null);
    }

    public Decision asFlag(String why) {
        return new Decision(Action.FLAG, topic, confidence, why, suggestions, null, modelVersion);
    }
}
