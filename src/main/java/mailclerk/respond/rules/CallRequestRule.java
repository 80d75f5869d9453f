package mailclerk.respond.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A filer who asks to be called, or to speak with a person, gets a clerk: a templated answer does not do what was asked,
 * however sure the classifier is of the question beside it ("I forgot my PACER password. Can you call me about it?").
 * Only requests count: a phone number in a signature, or "I called PACER yesterday", asks for nothing. Before this rule
 * such mail reached a clerk only when the classifier happened to read the call request as outside the FAQ.
 */
public final class CallRequestRule implements FlagRule {
    /** Bounded alternations and short gaps: linear in the text. */
    private static final Pattern ASKS_FOR_A_CALL = Pattern.compile(
            "\\b(?:call|phone|ring) (?:me|us)\\b|\\bcall (?:me |us )?back\\b|\\bgive (?:me|us) a (?:call|ring)\\b"
                    + "|\\b(?:someone|anyone|somebody|a clerk) (?:could |can |please )?(?:call|phone)\\b"
                    + "|\\b(?:speak|talk) (?:to|with) (?:someone|somebody|a person|a real person|a human|a clerk|you)\\b"
                    + "|\\b(?:someone|somebody|anyone|a person) (?:i|we) (?:can|could) (?:speak|talk) (?:to|with)\\b"
                    + "|\\bcall (?:at|on) [^.?!\\n]{0,20}\\d|\\breach me (?:at|on)\\b");

    @Override
    public String id() {
        return "call-request";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        for (String r : text.requests()) {
            if (ASKS_FOR_A_CALL.matcher(r.toLowerCase(Locale.ROOT).replace('\u2019', '\'')).find()) {
                return Optional.of("asks to be called or to speak with a person: a clerk answers");
            }
        }
        return Optional.empty();
    }
}
