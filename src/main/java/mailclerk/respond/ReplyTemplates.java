package mailclerk.respond;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.text.StringSubstitutor;

/**
 * The approved answers: {@code templates/<topic-id>.txt}, framed by a greeting and the footer. A topic without
 * a file is never answered automatically.
 *
 * <p>Rendering uses a {@link StringSubstitutor} over a fixed map only: no lookups (the Text4Shell class of bug
 * needs {@code ${script:...}} style lookups, which a plain map substitutor does not have), and substitution in
 * values is off, so a filer named {@code ${courtPhone}} is greeted by that literal text.
 */
public final class ReplyTemplates {
    private final Map<String, String> answers;
    private final String greetingNamed;
    private final String greetingAnonymous;
    private final String footer;
    private final Map<String, String> court;

    private ReplyTemplates(Map<String, String> answers, String greetingNamed, String greetingAnonymous, String footer,
                           Map<String, String> court) {
        this.answers = answers;
        this.greetingNamed = greetingNamed;
        this.greetingAnonymous = greetingAnonymous;
        this.footer = footer;
        this.court = court;
    }

    public static ReplyTemplates load(Path dir, CourtInfo info, HelpDesk desk) {
        Map<String, String> answers = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".txt") || name.startsWith("_")) continue;
                answers.put(name.substring(0, name.length() - 4), read(f));
            }
            Map<String, String> court = new HashMap<>();
            court.put("courtName", info.name());
            court.put("courtWebsite", info.website());
            court.put("courtPhone", info.phone());
            court.put("courtHours", info.hours());
            court.put("pacerWebsite", info.pacerWebsite());
            court.put("pacerPhone", info.pacerPhone());
            court.put("helpdeskAddress", desk.address());
            ReplyTemplates t = new ReplyTemplates(answers, read(dir.resolve("_greeting-named.txt")),
                    read(dir.resolve("_greeting-anonymous.txt")), read(dir.resolve("_footer.txt")), Map.copyOf(court));
            t.check();
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read templates from " + dir, e);
        }
    }

    private static String read(Path f) throws IOException {
        return Files.readString(f, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    /** Fails at start-up, not at the first reply, when a template names a variable we do not have. */
    private void check() {
        for (Map.Entry<String, String> e : answers.entrySet()) render(e.getKey(), "Check");
        render(null, "");
    }

    public boolean hasTemplate(String topic) {
        return topic != null && answers.containsKey(topic);
    }

    /** Every text we send (answers, greetings, footer), unrendered: what a quoted earlier answer looks like. */
    public java.util.List<String> texts() {
        java.util.List<String> out = new java.util.ArrayList<>(answers.values());
        out.add(greetingNamed);
        out.add(greetingAnonymous);
        out.add(footer);
        return out;
    }

    public Set<String> topics() {
        return answers.keySet();
    }

    /** The full reply body: greeting, the topic's answer, footer. {@code filerName} may be empty. */
    public String render(String topic, String filerName) {
        Map<String, String> values = new HashMap<>(court);
        values.put("filerName", filerName == null ? "" : filerName);
        StringSubstitutor sub = new StringSubstitutor(values);
        sub.setDisableSubstitutionInValues(true);
        sub.setEnableUndefinedVariableException(true);
        StringBuilder body = new StringBuilder();
        body.append(sub.replace(filerName == null || filerName.isBlank() ? greetingAnonymous : greetingNamed));
        if (topic != null) body.append(sub.replace(answers.get(topic)));
        body.append(sub.replace(footer));
        return LineWrap.wrap(body.toString());
    }
}
