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

    /** Per key: the minute, lines logged in it (per address), refusals left out. */
    private record Minute(long minute, int lines, int leftOut) {
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
        // a key no name can make: safe names never hold a NUL
        String addressKey = "\u0000" + address;
        Minute lines = seen.get(addressKey);
        boolean sameMinute = lines != null && lines.minute() == minute;
        int linesThisMinute = sameMinute ? lines.lines() : 0;
        int leftOutAtAddress = lines == null ? 0 : lines.leftOut();
        if (linesThisMinute >= LINES_PER_ADDRESS) {
            seen.put(addressKey, new Minute(minute, linesThisMinute, leftOutAtAddress + 1));
            return;
        }
        String key = name + "\n" + address;
        Minute before = seen.get(key);
        if (before != null && before.minute() == minute) {
            seen.put(key, new Minute(minute, 0, before.leftOut() + 1));
            return;
        }
        int leftOut = before == null ? 0 : before.leftOut();
        seen.put(key, new Minute(minute, 0, 0));
        seen.put(addressKey, new Minute(minute, linesThisMinute + 1, sameMinute ? leftOutAtAddress : 0));
        String more = (leftOut == 0 ? "" : " (and " + leftOut + " more for this name in its last minute with refusals)")
                + (!sameMinute && leftOutAtAddress > 0 ? " (and " + leftOutAtAddress + " more from this address, any name, "
                + "in its last busy minute, not logged)" : "");
        log.warn("login for '{}' from {} refused: {}{}", name, address, why, more);
    }
}
