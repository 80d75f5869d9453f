package mailclerk.respond;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the full decision did on labelled messages. A wrong reply is a reply with the wrong topic or any reply to
 * a message labelled flag or ignore; coverage is the share of reply-labelled messages answered with the right topic.
 */
public final class Evaluation {
    public record Case(String file, String expectedAction, String expectedTopic, Decision decision) {
    }

    private final List<Case> cases = new ArrayList<>();

    public void add(Case c) {
        cases.add(c);
    }

    public int total() {
        return cases.size();
    }

    public long taken(String action) {
        return cases.stream().filter(c -> c.decision().action().id().equals(action)).count();
    }

    /** expected action -> taken action -> count. */
    public Map<String, Map<String, Integer>> confusion() {
        Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
        for (String e : List.of("reply", "flag", "ignore")) {
            Map<String, Integer> row = new LinkedHashMap<>();
            for (String t : List.of("reply", "flag", "ignore")) row.put(t, 0);
            m.put(e, row);
        }
        for (Case c : cases) m.get(c.expectedAction()).merge(c.decision().action().id(), 1, Integer::sum);
        return m;
    }

    public List<Case> wrongReplies() {
        List<Case> out = new ArrayList<>();
        for (Case c : cases) {
            if (c.decision().action() != Action.REPLY) continue;
            if (!c.expectedAction().equals("reply") || !c.expectedTopic().equals(c.decision().topic())) out.add(c);
        }
        return out;
    }

    /** Reply-labelled messages that did not get the right automatic answer. */
    public List<Case> missed() {
        return cases.stream().filter(c -> c.expectedAction().equals("reply") && !(c.decision().action() == Action.REPLY
                && c.expectedTopic().equals(c.decision().topic()))).toList();
    }

    public double coverage() {
        long expected = cases.stream().filter(c -> c.expectedAction().equals("reply")).count();
        long right = cases.stream().filter(c -> c.expectedAction().equals("reply") && c.decision().action() == Action.REPLY
                && c.expectedTopic().equals(c.decision().topic())).count();
        return expected == 0 ? 0 : (double) right / expected;
    }

    /** topic -> {precision, recall, replies, expected} for automatic replies. */
    public Map<String, double[]> perTopic() {
        Map<String, double[]> out = new TreeMap<>();
        for (Case c : cases) {
            if (c.expectedAction().equals("reply")) out.computeIfAbsent(c.expectedTopic(), k -> new double[4])[3]++;
            if (c.decision().action() == Action.REPLY) {
                double[] v = out.computeIfAbsent(c.decision().topic(), k -> new double[4]);
                v[2]++;
                if (c.expectedAction().equals("reply") && c.expectedTopic().equals(c.decision().topic())) v[0]++;
            }
        }
        for (double[] v : out.values()) {
            double right = v[0];
            v[0] = v[2] == 0 ? Double.NaN : right / v[2];
            v[1] = v[3] == 0 ? Double.NaN : right / v[3];
        }
        return out;
    }
}
