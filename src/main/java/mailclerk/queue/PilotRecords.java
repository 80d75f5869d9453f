package mailclerk.queue;

import static mailclerk.queue.Sql.cut;

import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The shadow pilot's records: each draft the responder suggested, and the clerk's verdict on it. */
public final class PilotRecords {
    private final Sql sql;

    PilotRecords(Sql sql) {
        this.sql = sql;
    }

    /**
     * The clerk's verdict on a pilot draft: {@code confirmed} (the suggested answer was right) or {@code corrected}
     * ({@code clerkTopic} was right instead; null when a person had to answer). The first verdict stands; returns
     * false when there already was one.
     */
    public boolean pilotVerdict(long handledId, String topic, boolean confirmed, String clerkTopic, String clerk) {
        return sql.insertUnlessDuplicate("INSERT INTO pilot_verdict (handled_id, topic, verdict, clerk_topic, clerk, at) "
                + "VALUES (?,?,?,?,?,?)", handledId, topic, confirmed ? "confirmed" : "corrected", clerkTopic, cut(clerk),
                System.currentTimeMillis());
    }

    /** Takes back a verdict given with a reply that then could not go out (the clerk may try again). */
    public void withdrawVerdict(long handledId, String clerk) {
        sql.update("DELETE FROM pilot_verdict WHERE handled_id = ? AND clerk = ?", handledId, cut(clerk));
    }

    public boolean hasPilotVerdict(long handledId) {
        return sql.exists("SELECT 1 FROM pilot_verdict WHERE handled_id = ?", handledId);
    }

    /** Of these records, the ones a clerk already gave a pilot verdict on. */
    public Set<Long> withPilotVerdict(Collection<Long> handledIds) {
        Set<Long> out = new HashSet<>();
        for (List<Long> part : Sql.chunks(List.copyOf(handledIds))) {
            out.addAll(sql.list("SELECT handled_id FROM pilot_verdict WHERE handled_id IN (" + Sql.marks(part.size()) + ")",
                    r -> r.getLong(1), part.toArray()));
        }
        return out;
    }

    /** Pilot drafts decided since {@code since}, each with its verdict if a clerk gave one. */
    public List<PilotDraft> pilotDrafts(Instant since) {
        return sql.list("""
                SELECT h.topic, v.verdict, v.clerk_topic FROM handled_message h
                  LEFT JOIN pilot_verdict v ON v.handled_id = h.id
                 WHERE h.pilot_draft AND h.received_at >= ?""",
                r -> new PilotDraft(r.getString(1), r.getString(2), r.getString(3)), since.toEpochMilli());
    }

    /** How many messages clerks answered with each topic since {@code since} (sent from the console or by hand). */
    public Map<String, Integer> clerkAnswersByTopic(Instant since) {
        Map<String, Integer> out = new TreeMap<>();
        sql.list("""
                SELECT topic, COUNT(*) FROM clerk_action
                 WHERE done AND action IN ('send', 'answered-by-hand') AND topic IS NOT NULL AND at >= ?
                 GROUP BY topic""", r -> Map.entry(r.getString(1), r.getInt(2)), since.toEpochMilli())
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
