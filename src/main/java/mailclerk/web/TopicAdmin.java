package mailclerk.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import mailclerk.classify.ClerkLabels;
import mailclerk.classify.Corpus;
import mailclerk.classify.Topics;
import mailclerk.queue.Journal;
import mailclerk.queue.TopicStore;
import mailclerk.respond.PilotMode;
import mailclerk.respond.PilotReport;
import mailclerk.respond.ReplyTemplates;

/**
 * The administrators' Topics page: every topic with its answer, examples, pilot figures and state; adding a topic,
 * writing and approving its answer (a second administrator for a live topic's answer when
 * {@code topics.require-second-approval}), reverting to an earlier version, pasting example questions, and taking a
 * topic live or off. Everything is kept in the database ({@link TopicStore}) and takes effect at the next poll.
 */
public final class TopicAdmin {
    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,58}[a-z0-9]");
    static final int MAX_ANSWER = 20_000;
    static final int MAX_EXAMPLES = 200;

    /** One topic as the page shows it. */
    public record Row(String id, String title, TopicStore.State state, boolean stateSetOnPage, String answer,
                      boolean shippedAnswer, TopicStore.AnswerRow waiting, long corpusExamples, long clerkExamples,
                      PilotReport.Row pilot, boolean readyForGoLive, int inUseVersion, boolean unreviewed) {
        public long examples() {
            return corpusExamples + clerkExamples;
        }

        public boolean thin() {
            return examples() < Corpus.MIN_EXAMPLES;
        }
    }

    /** What a save did: the version written and whether it is in use or waits for a second administrator. */
    public record Saved(int version, boolean inUse) {
    }

    private final TopicStore store;
    private final ClerkDesks desks;
    private final Path modelsDir;
    private final PilotMode pilot;
    private final Journal journal;
    private final double targetPrecision;
    private final boolean secondApproval;

    public TopicAdmin(TopicStore store, ClerkDesks desks, Path modelsDir, PilotMode pilot, Journal journal,
                      double targetPrecision, boolean secondApproval) {
        this.store = store;
        this.desks = desks;
        this.modelsDir = modelsDir;
        this.pilot = pilot;
        this.journal = journal;
        this.targetPrecision = targetPrecision;
        this.secondApproval = secondApproval;
    }

    public double targetPrecision() {
        return targetPrecision;
    }

    /** reply.mode=shadow: nothing is sent automatically, whatever a topic's state; the page says so. */
    public boolean shadow() {
        return pilot.shadow();
    }

    public boolean secondApproval() {
        return secondApproval;
    }

    /** The approved answers into every desk, so what the clerks see matches what the responder will send. */
    public void refresh() {
        desks.useApproved(store.approvedAnswers());
    }

    public List<Row> rows() {
        refresh();
        ReplyTemplates t = desks.templates();
        Map<String, TopicStore.StateRow> states = store.states();
        Map<String, Long> corpus = corpusCounts();
        Map<String, Long> clerk = clerkCounts();
        Map<String, PilotReport.Row> figures = new TreeMap<>();
        PilotReport report = PilotReport.of(journal, Instant.EPOCH, targetPrecision);
        for (PilotReport.Row r : report.topics()) figures.put(r.topic(), r);
        Set<String> ids = new TreeSet<>(t.topics());
        ids.addAll(states.keySet());
        ids.addAll(corpus.keySet());
        ids.remove(Topics.OTHER);
        List<Row> out = new ArrayList<>();
        for (String id : ids) {
            TopicStore.StateRow st = states.get(id);
            TopicStore.State state = st != null ? st.state()
                    : pilot.liveTopics().isEmpty() || pilot.liveTopics().contains(id) ? TopicStore.State.LIVE : TopicStore.State.DRAFT;
            if (st == null && !t.hasTemplate(id)) state = TopicStore.State.OFF; // nothing to send: never answered
            else if (st == null && t.shipped(id) == null) state = TopicStore.State.DRAFT; // as the responder reads it (TopicGate)
            List<TopicStore.AnswerRow> versions = store.answers(id);
            TopicStore.AnswerRow waiting = versions.isEmpty() || versions.get(0).approved() ? null : versions.get(0);
            PilotReport.Row p = figures.get(id);
            boolean ready = p != null && state != TopicStore.State.LIVE && t.hasTemplate(id) && report.ready(p);
            TopicStore.AnswerRow inUse = versions.stream().filter(TopicStore.AnswerRow::approved).findFirst().orElse(null);
            // the answer in use was approved by its writer alone: the responder holds it as a draft even when live
            boolean unreviewed = secondApproval && inUse != null && inUse.writtenBy().equalsIgnoreCase(inUse.approvedBy());
            out.add(new Row(id, st == null || st.title() == null ? "" : st.title(), state, st != null, t.answer(id),
                    versions.stream().noneMatch(TopicStore.AnswerRow::approved), waiting,
                    corpus.getOrDefault(id, 0L), clerk.getOrDefault(id, 0L), p, ready, inUse == null ? 0 : inUse.version(),
                    unreviewed));
        }
        return out;
    }

    public Optional<Row> row(String id) {
        return rows().stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public List<TopicStore.AnswerRow> history(String id) {
        return store.answers(id);
    }

    public List<TopicStore.Event> events(String id) {
        return store.events(id, 50);
    }

    /** What a filer would receive with this answer text (greeting, automatic-answer notice, footer, wrapped). */
    public String preview(String text) {
        checkAnswer(text);
        return desks.templates().preview(text, "Pat Filer");
    }

    /** The court values an answer may name, as ${name}. */
    public Set<String> placeholders() {
        Set<String> court = new TreeSet<>(desks.templates().placeholders());
        court.remove("filerName");
        return court;
    }

    /** A new topic: a draft with its answer (in use at once: a draft is never sent) and, if given, its first example. */
    public void add(String id, String title, String answer, String firstExample, String by) {
        String topic = checkId(id);
        if (row(topic).isPresent()) throw new IllegalArgumentException("there is already a topic " + topic);
        checkAnswer(answer);
        long now = System.currentTimeMillis();
        store.setState(topic, clean(title, 500), TopicStore.State.DRAFT, by, now, "added topic " + topic + " as a draft");
        store.write(topic, normalize(answer), by, now, true, "wrote the first answer");
        if (firstExample != null && !firstExample.isBlank()) addExamples(topic, firstExample, by);
    }

    /** A new version of a topic's answer; a live topic's waits for a second administrator when the court wants that. */
    public Saved save(String id, String answer, String by) {
        Row r = row(id).orElseThrow(() -> new IllegalArgumentException("there is no topic " + id));
        checkAnswer(answer);
        boolean inUse = !(secondApproval && r.state() == TopicStore.State.LIVE);
        long now = System.currentTimeMillis();
        int v = store.write(r.id(), normalize(answer), by, now, inUse, "wrote a new answer");
        draftIfNew(r, by, now);
        return new Saved(v, inUse);
    }

    /**
     * A topic the page never set whose answer is not shipped (a corpus topic without a template) becomes a draft when it
     * is first given an answer here: it goes live only by an administrator's action, never by the settings' "all".
     */
    private void draftIfNew(Row r, String by, long now) {
        if (!r.stateSetOnPage() && desks.templates().shipped(r.id()) == null) {
            store.setStateIfNone(r.id(), TopicStore.State.DRAFT, by, now, "a draft: its first answer was written here");
        }
    }

    /** Another administrator approves a waiting version; false when the writer tries, or it is gone or replaced. */
    public boolean approve(String id, int version, String by) {
        return store.approve(id, version, by, System.currentTimeMillis());
    }

    /** Writes an earlier version's text again as the newest (same approval rule as any new text). */
    public Saved revert(String id, int version, String by) {
        Row r = row(id).orElseThrow(() -> new IllegalArgumentException("there is no topic " + id));
        String body = store.answers(r.id()).stream().filter(a -> a.version() == version).map(TopicStore.AnswerRow::body)
                .findFirst().orElseThrow(() -> new IllegalArgumentException("there is no version " + version + " of " + id));
        boolean inUse = !(secondApproval && r.state() == TopicStore.State.LIVE);
        long now = System.currentTimeMillis();
        int v = store.write(r.id(), body, by, now, inUse, "went back to the text of version " + version);
        draftIfNew(r, by, now);
        return new Saved(v, inUse);
    }

    /**
     * @param seenVersion for {@code live}: the answer version in use on the page the administrator looked at (0: the
     *                    shipped answer); taking a topic live approves exactly that text, so a newer one is refused
     */
    public void setState(String id, TopicStore.State state, String by, Integer seenVersion) {
        Row r = row(id).orElseThrow(() -> new IllegalArgumentException("there is no topic " + id));
        if (state == TopicStore.State.LIVE && !desks.templates().hasTemplate(r.id())) {
            throw new IllegalArgumentException("topic " + id + " has no approved answer yet: write one before it goes live");
        }
        String figures = r.pilot() == null ? "no pilot figures yet"
                : String.format(java.util.Locale.ROOT, "pilot %d confirmed, %d corrected, lower bound %.2f (target %.2f)",
                r.pilot().confirmed(), r.pilot().corrected(), r.pilot().precisionLowerBound(), targetPrecision);
        String what = "set " + state.word() + " (" + figures + ")";
        if (state != TopicStore.State.LIVE) {
            store.setState(r.id(), null, state, by, System.currentTimeMillis(), what);
            return;
        }
        // taking a topic live approves the answer in use: not by its writer alone (a second pair of eyes on the court's
        // words), and only the version this administrator saw on the page
        if (seenVersion == null) throw new IllegalArgumentException("reload the topic's page and take it live from there");
        java.util.List<TopicStore.AnswerRow> versions = store.answers(r.id());
        TopicStore.AnswerRow current = versions.stream().filter(TopicStore.AnswerRow::approved).findFirst().orElse(null);
        String user = TopicStore.who(by);
        if (current != null && secondApproval && current.writtenBy().equalsIgnoreCase(current.approvedBy())
                && current.writtenBy().equalsIgnoreCase(user)) {
            throw new IllegalArgumentException("you wrote the answer in use (version " + current.version() + "): another "
                    + "administrator takes the topic live, which approves it");
        }
        if (!store.goLive(r.id(), seenVersion, secondApproval, by, System.currentTimeMillis(), what)) {
            throw new IllegalArgumentException("the answer in use changed meanwhile: look at it again before taking the topic live");
        }
    }

    /** Pasted example questions, one per line, as clerks' labels for the next retraining. Returns how many. */
    public int addExamples(String id, String text, String by) {
        String topic = checkId(id);
        List<String> lines = text == null ? List.of()
                : text.lines().map(String::strip).filter(l -> !l.isEmpty()).limit(MAX_EXAMPLES).toList();
        if (lines.isEmpty()) throw new IllegalArgumentException("paste one example question per line");
        ClerkLabels labels = new ClerkLabels(modelsDir);
        for (String l : lines) labels.append(topic, null, l.length() > 2_000 ? l.substring(0, 2_000) : l);
        store.note(topic, by, System.currentTimeMillis(), "added " + lines.size() + " example question(s)");
        return lines.size();
    }

    private void checkAnswer(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("write the answer's text");
        if (text.strip().length() >= MAX_ANSWER) throw new IllegalArgumentException("an answer is at most " + MAX_ANSWER + " characters");
        Set<String> unknown = desks.templates().unknownPlaceholders(text);
        // the filer's name comes from the message's From line: it is for the greeting only, never in an answer
        if (text.contains("${filerName}")) unknown.add("filerName (the greeting names the filer; an answer does not)");
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not a court setting: " + String.join(", ", unknown) + ". An answer may name only "
                    + String.join(", ", placeholders().stream().map(p -> "${" + p + "}").toList()));
        }
    }

    private static String checkId(String id) {
        String t = id == null ? "" : id.strip();
        if (!ID.matcher(t).matches() || t.equals(Topics.OTHER)) {
            throw new IllegalArgumentException("a topic id is 3 to 60 lower-case letters, digits and dashes, e.g. pacer-mfa");
        }
        return t;
    }

    private static String normalize(String answer) {
        String a = answer.replace("\r\n", "\n").replace("\r", "\n").strip();
        return a + "\n";
    }

    private static String clean(String s, int max) {
        if (s == null) return null;
        String t = s.replaceAll("\\p{Cntrl}", " ").strip();
        return t.length() > max ? t.substring(0, max) : t;
    }

    private Map<String, Long> corpusCounts() {
        // an installation may carry only its active model, without the corpus it was trained on
        if (!Files.isDirectory(modelsDir.resolve("corpus"))) return new TreeMap<>();
        Map<String, Long> all = new TreeMap<>(Corpus.load(modelsDir).counts());
        clerkCounts().forEach((topic, n) -> all.merge(topic, -n, Long::sum));
        return all;
    }

    private Map<String, Long> clerkCounts() {
        Map<String, Long> out = new TreeMap<>();
        Path f = modelsDir.resolve(Corpus.CLERK_FILE);
        if (!Files.exists(f)) return out;
        try {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                int tab = line.indexOf('\t');
                if (line.isBlank() || line.startsWith("#") || tab <= 0) continue;
                out.merge(line.substring(0, tab).strip(), 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f, e);
        }
        return out;
    }
}
