package mailclerk.web;

import java.time.Instant;

/** What an administrator sees of a console session: who and since when, never its tokens. */
public record SessionSummary(String user, Role role, Instant started, Instant lastSeen) {
}
