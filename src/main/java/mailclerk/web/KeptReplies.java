package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kept replies between a sign-in and the page that shows them: the sign-in answers with a redirect (so the browser's
 * history never holds a page that a Back and "resubmit" would turn into a new sign-in with the clerk's password), and
 * the page shows the reply once. Held in this process's memory under the new session, for a few minutes, a bounded
 * number of them: a reply lost here (a restart, another node behind a balancer) costs retyping, never a send.
 */
final class KeptReplies {
    private static final int MAX = 200;
    private static final Duration KEEP = Duration.ofMinutes(10);

    private record Entry(KeptReply reply, Instant until) {
    }

    private final Map<String, Entry> bySession = new LinkedHashMap<>();

    synchronized void keep(String sessionToken, KeptReply reply, Instant now) {
        bySession.remove(sessionToken);
        bySession.put(sessionToken, new Entry(reply, now.plus(KEEP)));
        for (Iterator<Entry> it = bySession.values().iterator(); it.hasNext(); ) {
            Entry e = it.next();
            if (bySession.size() > MAX || e.until().isBefore(now)) it.remove();
        }
    }

    /** The reply kept for this session, once. */
    synchronized Optional<KeptReply> take(String sessionToken, Instant now) {
        Entry e = sessionToken == null ? null : bySession.remove(sessionToken);
        return e == null || e.until().isBefore(now) ? Optional.empty() : Optional.of(e.reply());
    }
}
