package mailclerk.mail;

import java.util.List;

/** One message to be filed: into {@code folder}, \Flagged for the clerks' queue or not, with these keywords. */
public record Filing(long uid, String folder, boolean flagged, List<String> keywords) {
    public Filing {
        keywords = List.copyOf(keywords);
    }
}
