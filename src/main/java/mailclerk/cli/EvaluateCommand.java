package mailclerk.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mailclerk.classify.TopicModel;
import mailclerk.config.Settings;
import mailclerk.respond.Evaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Run the full decision on labelled .eml files and report wrong replies, coverage and "
                + "per-topic precision and recall for the active model.")
public class EvaluateCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--labels", required = true, paramLabel = "DIR/labels.tsv",
            description = "tab-separated: file, expected_action, expected_topic, note; the .eml files sit beside it")
    Path labels;

    @Option(names = "--json", description = "print the figures as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Settings s = config.settings();
        TopicModel model = Wiring.activeModel(s).current();
        Evaluation e = evaluate(s, model, labels);
        if (json) {
            System.out.println(Json.object(asMap(e, model)));
        } else {
            print(e, model);
        }
        return 0;
    }

    static Evaluation evaluate(Settings s, TopicModel model, Path labels) throws Exception {
        return evaluate(s, model, labels, PilotSplit.read(labels));
    }

    /** The given lines of a labels file, decided; the .eml files sit beside {@code labels}. */
    static Evaluation evaluate(Settings s, TopicModel model, Path labels, List<PilotSplit.Labelled> cases) throws Exception {
        FileDecisions decisions = new FileDecisions(s, model);
        Evaluation e = new Evaluation();
        for (PilotSplit.Labelled l : cases) {
            e.add(new Evaluation.Case(l.file(), l.action(), l.topic(), decisions.decide(labels.resolveSibling(l.file()))));
        }
        return e;
    }

    private static Map<String, Object> asMap(Evaluation e, TopicModel model) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model.metadata().version());
        m.put("total", e.total());
        m.put("replies", e.taken("reply"));
        m.put("flags", e.taken("flag"));
        m.put("ignores", e.taken("ignore"));
        m.put("coverage", e.coverage());
        m.put("wrong_replies", e.wrongReplies().size());
        List<Object> wrong = new ArrayList<>();
        for (Evaluation.Case c : e.wrongReplies()) {
            wrong.add(Map.of("file", c.file(), "expected", c.expectedAction() + "/" + c.expectedTopic(), "replied", c.decision().topic()));
        }
        m.put("wrong_reply_files", wrong);
        m.put("confusion", e.confusion());
        Map<String, Object> topics = new LinkedHashMap<>();
        e.perTopic().forEach((t, v) -> topics.put(t, Map.of("precision", Double.isNaN(v[0]) ? "n/a" : v[0],
                "recall", Double.isNaN(v[1]) ? "n/a" : v[1], "replies", (long) v[2], "expected", (long) v[3])));
        m.put("topics", topics);
        return m;
    }

    private static void print(Evaluation e, TopicModel model) {
        System.out.println("model " + model.metadata().version() + " on " + e.total() + " messages");
        System.out.println();
        System.out.println("expected \\ taken   reply   flag  ignore");
        e.confusion().forEach((exp, row) -> System.out.printf(Locale.ROOT, "%-17s %6d %6d %7d%n", exp,
                row.get("reply"), row.get("flag"), row.get("ignore")));
        System.out.println();
        System.out.println("wrong replies: " + e.wrongReplies().size());
        for (Evaluation.Case c : e.wrongReplies()) {
            System.out.println("  " + c.file() + ": expected " + c.expectedAction() + "/" + c.expectedTopic()
                    + ", replied " + c.decision().topic());
        }
        System.out.printf(Locale.ROOT, "coverage: %.1f %% of reply-labelled messages answered with the right topic%n",
                100 * e.coverage());
        System.out.println();
        System.out.println("reply-labelled messages not answered with the right topic, by reason:");
        for (Evaluation.Case c : e.missed()) {
            System.out.println("  " + c.file() + " (" + c.expectedTopic() + "): " + c.decision().action().id() + ", "
                    + c.decision().reason());
        }
        System.out.println();
        System.out.println("topic                          precision  recall  replies  expected");
        e.perTopic().forEach((t, v) -> System.out.printf(Locale.ROOT, "%-30s %9s %7s %8d %9d%n", t, fmt(v[0]), fmt(v[1]),
                (long) v[2], (long) v[3]));
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.2f", d);
    }
}
