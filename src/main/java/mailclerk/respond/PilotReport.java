package mailclerk.respond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import mailclerk.queue.Journal;
import mailclerk.queue.PilotDraft;

/**
 * What the pilot has shown, per topic: how many would-be replies the clerks confirmed or corrected, the precision
 * that implies with its 95 % lower bound (Wilson score interval: a handful of confirmations proves little), and
 * how much of the clerks' answering on that topic the responder would have taken over. A topic is ready for
 * go-live when the lower bound reaches the court's target precision.
 */
public record PilotReport(Instant since, double targetPrecision, List<Row> topics) {

    /**
     * @param drafts     would-be replies on this topic
     * @param confirmed  the clerk sent the suggested answer
     * @param corrected  the clerk answered otherwise (another topic, by hand, not a question, needs a person)
     * @param clerkAnswered messages clerks answered with this topic (the suggested one included)
     */
    public record Row(String topic, int drafts, int confirmed, int corrected, int clerkAnswered) {
        public int judged() {
            return confirmed + corrected;
        }

        public int pending() {
            return drafts - judged();
        }

        public double precision() {
            return judged() == 0 ? Double.NaN : (double) confirmed / judged();
        }

        public double precisionLowerBound() {
            return wilsonLowerBound(confirmed, judged());
        }

        /** The share of the clerks' answers on this topic that the responder had right by itself. */
        public double coverage() {
            return clerkAnswered == 0 ? Double.NaN : (double) confirmed / clerkAnswered;
        }
    }

    public static PilotReport of(Journal journal, Instant since, double targetPrecision) {
        Map<String, int[]> counts = new TreeMap<>();
        for (PilotDraft d : journal.pilot().pilotDrafts(since)) {
            int[] c = counts.computeIfAbsent(d.topic(), k -> new int[3]);
            c[0]++;
            if ("confirmed".equals(d.verdict())) c[1]++;
            else if ("corrected".equals(d.verdict())) c[2]++;
        }
        Map<String, Integer> answered = journal.pilot().clerkAnswersByTopic(since);
        List<Row> rows = new ArrayList<>();
        for (Map.Entry<String, int[]> e : counts.entrySet()) {
            int[] c = e.getValue();
            rows.add(new Row(e.getKey(), c[0], c[1], c[2], answered.getOrDefault(e.getKey(), 0)));
        }
        return new PilotReport(since, targetPrecision, rows);
    }

    public boolean ready(Row r) {
        return r.judged() > 0 && r.precisionLowerBound() >= targetPrecision;
    }

    public List<String> readyTopics() {
        return topics.stream().filter(this::ready).map(Row::topic).toList();
    }

    /** The lower end of the 95 % Wilson score interval for {@code successes} of {@code trials}; NaN for none. */
    public static double wilsonLowerBound(int successes, int trials) {
        if (trials == 0) return Double.NaN;
        double z = 1.959963984540054;
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = p + z2 / (2 * n);
        double spread = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return (centre - spread) / (1 + z2 / n);
    }
}
