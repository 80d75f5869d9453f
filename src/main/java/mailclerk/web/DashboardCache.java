package mailclerk.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import mailclerk.queue.Journal;

/**
 * The dashboard's figures, computed at most once per {@link #FRESH} on this node however many clerks open it, and
 * never twice at once: the home page is where every clerk lands after login, and the poller shares the database's
 * connections with it. The figures are a few seconds old at most, which a day's counts do not mind.
 */
final class DashboardCache {
    static final Duration FRESH = Duration.ofSeconds(20);

    private final Journal journal;
    private final ZoneId zone;
    private Dashboard.Figures figures;
    private Instant computedAt = Instant.MIN;

    DashboardCache(Journal journal, ZoneId zone) {
        this.journal = journal;
        this.zone = zone;
    }

    synchronized Dashboard.Figures figures(Instant now) {
        if (figures == null || now.isAfter(computedAt.plus(FRESH)) || now.isBefore(computedAt)) {
            figures = Dashboard.of(journal, zone, now);
            computedAt = now;
        }
        return figures;
    }
}
