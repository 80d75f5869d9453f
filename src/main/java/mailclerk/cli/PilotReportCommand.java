package mailclerk.cli;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.queue.JournalException;
import mailclerk.respond.PilotReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "pilot-report", mixinStandardHelpOptions = true,
        description = "Per topic, the would-be automatic answers of the pilot (reply.mode=shadow, or topics not in "
                + "reply.live-topics) that clerks confirmed or corrected, the precision with its 95 %% lower bound "
                + "(Wilson) and the coverage; names the topics ready for go-live. The embedded journal is locked "
                + "while `run` works: use the console's Pilot page then.")
public class PilotReportCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--since", paramLabel = "DATE", description = "only messages received from this day on (YYYY-MM-DD)")
    LocalDate since;

    @Option(names = "--json", description = "one JSON object")
    boolean json;

    @Override
    public Integer call() {
        Settings s = config.settings();
        ZoneId zone = ZoneId.of(s.get("court.time-zone", "America/Chicago"));
        java.time.Instant from = since == null ? java.time.Instant.EPOCH : since.atStartOfDay(zone).toInstant();
        PilotReport report;
        try (Journal journal = Wiring.journal(s)) {
            report = PilotReport.of(journal, from, s.getDouble("classifier.target-precision", 0.99));
        } catch (JournalException e) {
            System.err.println("mailclerk: cannot read the journal (" + e.getMessage().split("\n")[0]
                    + "); while `run` works, open the console's Pilot page instead");
            return 2;
        }
        if (json) {
            System.out.println(Json.object(toMap(report)));
            return 0;
        }
        System.out.printf(Locale.ROOT, "%-34s %9s %9s %9s %8s %9s %9s %8s%n", "topic", "suggested", "confirmed",
                "corrected", "pending", "precision", "lower95", "coverage");
        for (PilotReport.Row r : report.topics()) {
            System.out.printf(Locale.ROOT, "%-34s %9d %9d %9d %8d %9s %9s %8s%s%n", r.topic(), r.drafts(), r.confirmed(),
                    r.corrected(), r.pending(), fmt(r.precision()), fmt(r.precisionLowerBound()), fmt(r.coverage()),
                    report.ready(r) ? "  ready for go-live" : "");
        }
        System.out.println("ready for go-live (lower bound >= " + report.targetPrecision() + "): "
                + (report.readyTopics().isEmpty() ? "none yet" : String.join(",", report.readyTopics())));
        return 0;
    }

    private static String fmt(double d) {
        return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d);
    }

    static Map<String, Object> toMap(PilotReport report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("since", report.since().toString());
        out.put("target_precision", report.targetPrecision());
        var rows = new java.util.ArrayList<Map<String, Object>>();
        for (PilotReport.Row r : report.topics()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("topic", r.topic());
            m.put("suggested", r.drafts());
            m.put("confirmed", r.confirmed());
            m.put("corrected", r.corrected());
            m.put("pending", r.pending());
            m.put("precision", Double.isNaN(r.precision()) ? null : r.precision());
            m.put("precision_lower95", Double.isNaN(r.precisionLowerBound()) ? null : r.precisionLowerBound());
            m.put("coverage", Double.isNaN(r.coverage()) ? null : r.coverage());
            m.put("ready", report.ready(r));
            rows.add(m);
        }
        out.put("topics", rows);
        out.put("ready", report.readyTopics());
        return out;
    }
}
