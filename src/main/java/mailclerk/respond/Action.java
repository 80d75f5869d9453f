package mailclerk.respond;

import java.util.Locale;

/** What happens to a message: exactly one of these. */
public enum Action {
    /** An automatic reply goes out; the original is filed as answered. */
    REPLY,
    /** A clerk gets it in the review queue; no reply. */
    FLAG,
    /** Machine mail: filed, never answered. */
    IGNORE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
