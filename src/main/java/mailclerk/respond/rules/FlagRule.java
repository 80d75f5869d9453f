package mailclerk.respond.rules;

import java.util.Optional;

/**
 * A reason to give a message a confident classifier would answer to a clerk instead. Each rule has an id so
 * that it can be switched off ({@code classifier.disabled-rules}) to measure what it costs and what it saves.
 */
public interface FlagRule {
    String id();

    /**
     * The reason for the clerk, or empty when the rule has nothing against an automatic reply.
     *
     * @param topic the topic the classifier would answer with (a rule may know that an answer covers its case)
     */
    Optional<String> check(MessageText text, String topic);
}
