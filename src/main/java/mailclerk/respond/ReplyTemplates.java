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
    /**
     * Answers approved on the console's Topics page (kept in the database): they replace the shipped file of their
     * topic, or add a topic. Swapped whole at each poll, so a poll sees one set throughout.
     */
    private volatile Map<String, String> approved = Map.of();
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
        return topic != null && (approved.containsKey(topic) || answers.containsKey(topic));
    }

    /**
     * Uses these approved answers from now on (topic to answer text), over the shipped files. Each is checked as a
     * template first: one that names a value we do not have is left out (and the shipped answer, if any, stays).
     */
    public void useApproved(Map<String, String> byTopic) {
        Map<String, String> ok = new TreeMap<>();
        for (Map.Entry<String, String> e : byTopic.entrySet()) {
            if (unknownPlaceholders(e.getValue()).isEmpty()) ok.put(e.getKey(), e.getValue().replace("\r\n", "\n"));
        }
        approved = Map.copyOf(ok);
    }

    /** The shipped answer of a topic (templates/), or null. */
    public String shipped(String topic) {
        return answers.get(topic);
    }

    /** The answer used now: approved on the Topics page, else shipped; null when the topic has none. */
    public String answer(String topic) {
        String a = approved.get(topic);
        return a != null ? a : answers.get(topic);
    }

    /** The values an answer may name: the court's settings and the filer's name. */
    public Set<String> placeholders() {
        Set<String> names = new java.util.TreeSet<>(court.keySet());
        names.add("filerName");
        return names;
    }

    /**
     * Placeholders in {@code text} that are not court settings: an answer written on the Topics page must name only
     * those (anything else could never be filled, and nothing from a message is ever a value).
     */
    public Set<String> unknownPlaceholders(String text) {
        Set<String> unknown = new java.util.TreeSet<>();
        java.util.regex.Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            if (!placeholders().contains(m.group(1))) unknown.add(m.group(1));
        }
        // a "${" that does not close into a plain name is refused too: no lookups, no defaults, no nesting
        String rest = PLACEHOLDER.matcher(text).replaceAll("");
        if (rest.contains("${")) unknown.add("${ without a plain name and }");
        return unknown;
    }

    private static final java.util.regex.Pattern PLACEHOLDER = java.util.regex.Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");

    /** A filer's view of an answer text not yet approved: greeting, this text, footer, wrapped. */
    public String preview(String answerText, String filerName) {
        return render(null, filerName, answerText);
    }

    /** Every text we send (answers, greetings, footer), unrendered: what a quoted earlier answer looks like. */
    public java.util.List<String> texts() {
        java.util.List<String> out = new java.util.ArrayList<>(answers.values());
        out.addAll(approved.values());
        out.add(greetingNamed);
        out.add(greetingAnonymous);
        out.add(footer);
        return out;
    }

    public Set<String> topics() {
        Set<String> all = new java.util.TreeSet<>(answers.keySet());
        all.addAll(approved.keySet());
        return all;
    }

    /** The full reply body: greeting, the topic's answer, footer. {@code filerName} may be empty. */
    public String render(String topic, String filerName) {
        return render(topic, filerName, null);
    }

    private String render(String topic, String filerName, String answerText) {
        Map<String, String> values = new HashMap<>(court);
        values.put("filerName", filerName == null ? "" : filerName);
        StringSubstitutor sub = new StringSubstitutor(values);
        sub.setDisableSubstitutionInValues(true);
        sub.setEnableUndefinedVariableException(true);
        StringBuilder body = new StringBuilder();
        body.append(sub.replace(filerName == null || filerName.isBlank() ? greetingAnonymous : greetingNamed));
        if (topic != null) body.append(sub.replace(answer(topic)));
        if (answerText != null) body.append(sub.replace(answerText.replace("\r\n", "\n")));
        body.append(sub.replace(footer));
        return LineWrap.wrap(body.toString());
    }
}
