package mailclerk.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import mailclerk.config.Settings;
import mailclerk.respond.Decision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "classify", mixinStandardHelpOptions = true,
        description = "Print the decision the responder would take for each .eml file. No mailbox needed; "
                + "rate limits and reply history are not consulted.")
public class ClassifyCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Option(names = "--json", description = "one JSON object per line: file, action, topic, confidence, reason")
    boolean json;

    @Parameters(paramLabel = "FILE.eml", arity = "1..*", description = "messages to classify")
    List<Path> files;

    @Override
    public Integer call() {
        Settings s = config.settings();
        FileDecisions decisions = FileDecisions.active(s);
        int failures = 0;
        for (Path f : files) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("file", f.toString());
            try {
                Decision d = decisions.decide(f);
                out.put("action", d.action().id());
                out.put("topic", d.topic());
                out.put("confidence", d.confidence());
                out.put("reason", d.reason());
            } catch (Exception e) {
                failures++;
                out.put("action", "flag");
                out.put("topic", null);
                out.put("confidence", 0.0);
                out.put("reason", "could not be read: " + e.getClass().getSimpleName());
            }
            if (json) {
                System.out.println(Json.object(out));
            } else {
                System.out.printf(Locale.ROOT, "%s: %s %s %.2f (%s)%n", out.get("file"), out.get("action"),
                        out.get("topic") == null ? "-" : out.get("topic"), (Double) out.get("confidence"), out.get("reason"));
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
