package mailclerk.web;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Refused logins in the operator's log, one line per account name and client address per minute: a guesser costs
 * the log a line a minute, not a line a try. The next line after a quiet spell says how many were left out.
 */
final class RefusalLog {
    /** More names and addresses than this at once is an attack on the log itself: the counts start over. */
    private static final int MAX_KEYS = 10_000;

    private record Minute(long minute, int leftOut) {
    }

    private final Logger log;
    private final Map<String, Minute> seen = new ConcurrentHashMap<>();

    RefusalLog(Logger log) {
        this.log = log;
    }

    /** Lines about one address in a minute, whatever the names: a guesser cycling names gets no more. */
    private static final int LINES_PER_ADDRESS = 3;

    /** {@code name} and {@code address} as the log may show them (already made safe); {@code why} is ours. */
    void refused(String why, String name, String address, Instant now) {
        if (seen.size() > MAX_KEYS) seen.clear();
        long minute = now.getEpochSecond() / 60;
        Minute lines = seen.get("*\n" + address);
        int linesThisMinute = lines != null && lines.minute() == minute ? lines.leftOut() : 0;
        if (linesThisMinute >= LINES_PER_ADDRESS) return;
        String key = name + "\n" + address;
        Minute before = seen.get(key);
        if (before != null && before.minute() == minute) {
            seen.put(key, new Minute(minute, before.leftOut() + 1));
            return;
        }
        int leftOut = before == null ? 0 : before.leftOut();
        seen.put(key, new Minute(minute, 0));
        seen.put("*\n" + address, new Minute(minute, linesThisMinute + 1));
        log.warn("login for '{}' from {} refused: {}{}", name, address, why,
                leftOut == 0 ? "" : " (and " + leftOut + " more refused in its last minute with refusals, not logged)");
    }
}
