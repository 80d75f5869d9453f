package mailclerk.respond;

import java.util.List;

/** The messages one poll handled, in UID order. */
public record PollResult(List<Outcome> outcomes) {
    public long count(String action) {
        return outcomes.stream().filter(o -> o.action().equals(action)).count();
    }
}
