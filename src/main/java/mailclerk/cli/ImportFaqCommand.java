package mailclerk.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import mailclerk.classify.FaqImport;
import mailclerk.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import-faq", mixinStandardHelpOptions = true,
        description = "Read a court's FAQ (plain text or HTML) as question/answer pairs and print the draft topic each "
                + "would make, with the closest existing topic by word overlap. Changes nothing live; writes files only "
                + "with --out, and never overwrites one.")
public class ImportFaqCommand implements Callable<Integer> {
    /** Larger files are refused before they are read. */
    static final long MAX_BYTES = 2L * 1024 * 1024;
    /** Template lines are wrapped at about this width (templates/README.md). */
    private static final int WIDTH = 72;

    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "FILE", description = "the FAQ: plain text (a question is a line ending in '?') or HTML "
            + "(h2, h3, dt or bold-only paragraphs ending in '?'); at most 2 MB")
    Path file;

    @Option(names = "--topics", paramLabel = "TSV", description = "the existing topics: their ids in the first column "
            + "(a header row 'id' is skipped). Default: the answers in templates.dir (file names not starting with _)")
    Path topicsFile;

    @Option(names = "--out", paramLabel = "DIR", description = "write DIR/templates/<id>.txt (the answer) and "
            + "DIR/corpus/<id>.txt (the question as the first example) for each pair; existing files are skipped")
    Path out;

    @Option(names = "--statements", description = "also take lines in the filer's voice (starting 'I' or 'My') that "
            + "end in a full stop as questions (\"I forgot my PACER password.\"); plain text only")
    boolean statements;

    @Option(names = "--min-overlap", paramLabel = "X", defaultValue = "0.5", description = "the word overlap (0 to 1) "
            + "from which a question matches an existing topic (default: ${DEFAULT-VALUE})")
    double minOverlap;

    @Override
    public Integer call() {
        Settings s = config.settings();
        String text;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                System.out.printf(Locale.ROOT, "%s is %,d bytes: import-faq reads at most 2 MB (%,d bytes); nothing was read%n",
                        file, size, MAX_BYTES);
                return 1;
            }
            text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            System.out.println("no such file: " + file);
            return 1;
        } catch (IOException e) {
            System.out.println("cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        FaqImport.Result result = FaqImport.parse(text, new FaqImport.Options(statements));

        Map<String, List<String>> existing;
        try {
            existing = existingTopics(s);
        } catch (IOException e) {
            System.out.println("cannot read the existing topics: " + e.getMessage());
            return 1;
        }

        int matched = 0;
        for (FaqImport.Pair p : result.pairs()) {
            FaqImport.Match m = FaqImport.closest(p.question(), existing);
            boolean matches = m.topic() != null && m.score() >= minOverlap;
            if (matches) matched++;
            String verdict = matches ? String.format(Locale.ROOT, "matches %s (%.2f)", m.topic(), m.score()) : "new";
            System.out.println(p.id() + "\t" + verdict + "\t" + p.question());
        }
        for (String q : result.unanswered()) System.out.println("no answer, left out: " + q);
        if (result.truncated()) {
            System.out.println("only the first " + FaqImport.MAX_PAIRS + " questions were read");
        }
        if (!result.statementLike().isEmpty()) {
            System.out.println(result.statementLike().size() + " line(s) read like questions written as statements but were "
                    + "taken as answer text or skipped, e.g. \"" + result.statementLike().get(0)
                    + "\"; --statements takes them as questions");
        }
        if (result.pairs().isEmpty()) {
            System.out.println("no questions found: in plain text a question is a line ending in '?'");
        }
        int status = 0;
        if (out != null && !result.pairs().isEmpty()) {
            status = write(s, result);
        }
        int n = result.pairs().size();
        System.out.println(n + " question" + (n == 1 ? "" : "s") + "; " + matched + " match existing topics; "
                + (n - matched) + " new; nothing live was changed");
        return result.pairs().isEmpty() ? 1 : status;
    }

    /** Existing topic id to its corpus lines (models.dir/corpus/<id>.txt; none when the topic has no corpus file). */
    private Map<String, List<String>> existingTopics(Settings s) throws IOException {
        List<String> ids = new ArrayList<>();
        if (topicsFile != null) {
            for (String line : Files.readAllLines(topicsFile, StandardCharsets.UTF_8)) {
                String id = line.split("\t", 2)[0].strip();
                if (id.isEmpty() || id.startsWith("#") || id.equalsIgnoreCase("id") || id.equalsIgnoreCase("topic")) continue;
                ids.add(id);
            }
        } else {
            try (Stream<Path> files = Files.list(Wiring.templatesDir(s))) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".txt") && !n.startsWith("_"))
                        .map(n -> n.substring(0, n.length() - 4)).forEach(ids::add);
            }
        }
        Path corpus = Wiring.modelsDir(s).resolve("corpus");
        Map<String, List<String>> out = new TreeMap<>();
        for (String id : ids) {
            List<String> examples = new ArrayList<>();
            Path f = corpus.resolve(id + ".txt");
            if (id.matches("[A-Za-z0-9][A-Za-z0-9_.-]*") && Files.isRegularFile(f)) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    String l = line.strip();
                    if (!l.isEmpty() && !l.startsWith("#")) examples.add(l);
                }
            }
            out.put(id, examples);
        }
        return out;
    }

    /** Writes the drafts under --out; returns 1 when it refused or a file could not be written, else 0. */
    private int write(Settings s, FaqImport.Result result) {
        Path templates = out.resolve("templates");
        Path corpus = out.resolve("corpus");
        if (same(templates, Wiring.templatesDir(s)) || same(corpus, Wiring.modelsDir(s).resolve("corpus"))) {
            System.out.println("--out " + out + " would write into the live templates or corpus directory: "
                    + "choose another directory; nothing was written");
            return 1;
        }
        int failures = 0;
        try {
            Files.createDirectories(templates);
            Files.createDirectories(corpus);
        } catch (IOException e) {
            System.out.println("cannot create " + templates + " and " + corpus + ": " + e.getMessage());
            return 1;
        }
        for (FaqImport.Pair p : result.pairs()) {
            Map<Path, String> files = new LinkedHashMap<>();
            files.put(templates.resolve(p.id() + ".txt"), wrap(p.answer()) + "\n");
            files.put(corpus.resolve(p.id() + ".txt"), "# Class: " + p.id() + "\n# imported from the FAQ " + file.getFileName()
                    + ": its question is the first example; add more, one per line\n" + p.question() + "\n");
            for (Map.Entry<Path, String> f : files.entrySet()) {
                try (OutputStream o = Files.newOutputStream(f.getKey(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    o.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                    System.out.println("wrote " + f.getKey());
                } catch (FileAlreadyExistsException e) {
                    System.out.println("exists, skipped: " + f.getKey());
                } catch (IOException e) {
                    failures++;
                    System.out.println("cannot write " + f.getKey() + ": " + e.getMessage());
                }
            }
            if (p.answer().contains("${")) {
                System.out.println("note: the answer of " + p.id() + " contains \"${\", which a template may use only for "
                        + "the court's values: edit it before approving");
            }
        }
        // a file in templates/ is a shipped answer, which reply.live-topics=all answers once the model knows the topic:
        // the way in as a draft is the Topics page
        System.out.println("these are drafts: add each topic on the console's Topics page (it starts as a draft there). "
                + "Copying an answer into templates/ makes it a shipped answer, sent automatically under "
                + "reply.live-topics=all once a model learns the topic");
        return failures == 0 ? 0 : 1;
    }

    private static boolean same(Path a, Path b) {
        try {
            Path x = Files.exists(a) ? a.toRealPath() : a.toAbsolutePath().normalize();
            Path y = Files.exists(b) ? b.toRealPath() : b.toAbsolutePath().normalize();
            return x.equals(y);
        } catch (IOException e) {
            return true; // cannot tell: do not risk it
        }
    }

    private static final java.util.regex.Pattern LIST_ITEM = java.util.regex.Pattern.compile("^([-*\u2022]|\\d{1,3}[.)])\\s.*");

    /**
     * The answer as a template wants it: lines of at most about {@link #WIDTH} characters. A paragraph whose lines all
     * fit is kept as it is (its line breaks may mean something); one with longer lines (hard-wrapped for a wider page,
     * as text taken from a PDF is) is re-flowed, each list item and each line after one ending in ':' starting anew.
     */
    static String wrap(String text) {
        List<String> out = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        for (String line : (text + "\n").split("\n", -1)) {
            if (!line.isBlank()) {
                paragraph.add(line);
                continue;
            }
            if (paragraph.isEmpty()) continue;
            if (!out.isEmpty()) out.add("");
            if (paragraph.stream().allMatch(l -> l.length() <= WIDTH)) {
                out.addAll(paragraph);
            } else {
                StringBuilder item = new StringBuilder();
                for (String l : paragraph) {
                    boolean starts = LIST_ITEM.matcher(l).matches() || item.toString().endsWith(":");
                    if (item.length() > 0 && starts) {
                        fill(item.toString(), out);
                        item.setLength(0);
                    }
                    if (item.length() > 0) item.append(' ');
                    item.append(l.strip());
                }
                fill(item.toString(), out);
            }
            paragraph.clear();
        }
        return String.join("\n", out);
    }

    /** One item broken at spaces into lines of at most WIDTH characters (a longer word stays whole). */
    private static void fill(String item, List<String> out) {
        String indent = LIST_ITEM.matcher(item).matches() ? "  " : "";
        String rest = item;
        while (rest.length() > WIDTH) {
            int cut = rest.lastIndexOf(' ', WIDTH);
            if (cut <= indent.length()) cut = rest.indexOf(' ', WIDTH);
            if (cut < 0) break;
            out.add(rest.substring(0, cut));
            rest = indent + rest.substring(cut + 1).stripLeading();
        }
        out.add(rest);
    }
}
