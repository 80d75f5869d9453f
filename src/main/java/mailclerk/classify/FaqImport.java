package mailclerk.classify;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import opennlp.tools.stemmer.PorterStemmer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/**
 * A court's FAQ (plain text or HTML) as question/answer pairs, the raw material of draft topics (issue 22), and the
 * closest existing topic of each question by word overlap. Takes a String and returns records: no files, no network.
 *
 * <p>Plain text: a line ending in {@code ?} starts a question, and the lines up to the next question are its answer.
 * A question wrapped over two lines (a line with no closing punctuation directly followed by the line ending in
 * {@code ?}) is one question. Text converted from a PDF often has a blank line after every line; such text is read
 * with single blank lines as line breaks and longer gaps as paragraph breaks. With {@link Options#statements()},
 * lines in the filer's voice (starting "I" or "My") that end in a full stop ("I forgot my PACER login or password.") start questions too.
 *
 * <p>HTML: the text of {@code <h2>}, {@code <h3>}, {@code <dt>}, or a paragraph that holds only {@code <strong>} or
 * {@code <b>}, when it ends in {@code ?}; the answer is the text of what follows it up to the next question (or the
 * next heading of the same or a higher rank, or the page's footer or navigation). Only text survives: paragraphs become blank-line separated, list items
 * "- " lines, links "text (URL)"; scripts, styles and form fields are dropped.
 */
public final class FaqImport {
    /** Longer input is refused: a FAQ page is tens of kilobytes. */
    public static final int MAX_CHARS = 2 * 1024 * 1024;
    /** Questions beyond this many are not read ({@link Result#truncated()}). */
    public static final int MAX_PAIRS = 500;
    /** At most this many words of the question make its id. */
    public static final int ID_WORDS = 5;
    /** A question longer than this is not a question but a paragraph that happens to end in "?". */
    private static final int MAX_QUESTION_CHARS = 400;

    public enum Format { TEXT, HTML }

    /** @param statements also take lines in the filer's voice ending in a full stop as questions (plain text only) */
    public record Options(boolean statements) {
        public static final Options DEFAULT = new Options(false);
    }

    /** One imported entry: a draft topic's id, its title (the question), and the answer text. */
    public record Pair(String id, String title, String question, String answer) {
    }

    /**
     * @param pairs      the questions with an answer, in the order of the FAQ
     * @param unanswered questions followed by no answer text (left out of {@code pairs})
     * @param truncated  true when the FAQ had more than {@link #MAX_PAIRS} questions and the rest were not read
     * @param statementLike plain text read without {@link Options#statements()}: lines that read like questions
     *                   written as statements and were taken as answer text (or ignored before the first question)
     */
    public record Result(Format format, List<Pair> pairs, List<String> unanswered, boolean truncated,
                         List<String> statementLike) {
    }

    /** The closest existing topic and its overlap score (0 to 1); {@code topic} is null when no word is shared. */
    public record Match(String topic, double score) {
    }

    private FaqImport() {
    }

    public static Result parse(String text) {
        return parse(text, Options.DEFAULT);
    }

    public static Result parse(String text, Options options) {
        if (text.length() > MAX_CHARS) {
            throw new IllegalArgumentException("a FAQ of " + text.length() + " characters is too long to import (at most "
                    + MAX_CHARS + ")");
        }
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        return isHtml(t) ? parseHtml(t) : parseText(t, options);
    }

    /** HTML when the text starts (after white space) with a tag, a comment or a doctype. */
    public static boolean isHtml(String text) {
        String t = text.stripLeading();
        return t.startsWith("<");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plain text

    private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F]+");
    private static final Pattern USER_VOICE = Pattern.compile("^(I|I['\u2019](m|ve|d|ll)|My)\\s.*");
    private static final Pattern QUESTION_PREFIX = Pattern.compile("^(?i:(q|question)\\s*\\d{0,3}\\s*[:.)-]\\s*|\\d{1,3}[.)]\\s+)");
    private static final Pattern ANSWER_PREFIX = Pattern.compile("^(?i:a|answer)\\s*[:.)-]\\s*");
    private static final Pattern BULLET = Pattern.compile("^([-*\u2022\u25CF\u25AA\u2013]|\\d{1,3}[.)])\\s.*");

    private record Span(int first, int last, String text) {
    }

    private static Result parseText(String text, Options options) {
        List<String> lines = textLines(text);
        List<Span> questions = new ArrayList<>();
        List<String> statementLike = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isEmpty()) {
                i++;
                continue;
            }
            if (endsQuestion(line)) {
                int first = i;
                int lastQuestionLine = questions.isEmpty() ? -1 : questions.get(questions.size() - 1).last();
                if (i > 0 && i - 1 > lastQuestionLine && continues(lines.get(i - 1))) first = i - 1;
                questions.add(span(lines, first, i));
                i++;
                continue;
            }
            int statementEnd = USER_VOICE.matcher(line).matches() ? statementEnd(lines, i) : -1;
            if (statementEnd >= 0) {
                if (options.statements()) {
                    questions.add(span(lines, i, statementEnd));
                    i = statementEnd + 1;
                    continue;
                }
                statementLike.add(String.join(" ", lines.subList(i, statementEnd + 1)));
            }
            i++;
        }
        List<Pair> pairs = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean truncated = false;
        for (int q = 0; q < questions.size(); q++) {
            if (pairs.size() >= MAX_PAIRS) {
                truncated = true;
                break;
            }
            Span s = questions.get(q);
            int end = q + 1 < questions.size() ? questions.get(q + 1).first() : lines.size();
            String answer = ANSWER_PREFIX.matcher(trimBlankLines(lines.subList(s.last() + 1, end))).replaceFirst("");
            add(s.text(), answer, pairs, unanswered, ids);
        }
        return new Result(Format.TEXT, List.copyOf(pairs), List.copyOf(unanswered), truncated, List.copyOf(statementLike));
    }

    /** The lines, trimmed, with inner runs of spaces as one; PDF-style double spacing undone; blank runs as one. */
    static List<String> textLines(String text) {
        String[] raw = text.split("\r\n|\r|\n", -1);
        List<String> lines = new ArrayList<>(raw.length);
        for (String r : raw) lines.add(SPACES.matcher(r).replaceAll(" ").strip());
        boolean doubleSpaced = doubleSpaced(lines);
        List<String> out = new ArrayList<>();
        int blanks = 0;
        for (String l : lines) {
            if (l.isEmpty()) {
                blanks++;
                continue;
            }
            if (!out.isEmpty() && blanks > (doubleSpaced ? 1 : 0)) out.add("");
            blanks = 0;
            out.add(l);
        }
        return out;
    }

    /** Nearly every line is followed by exactly one blank line (text taken out of a PDF or a word processor). */
    private static boolean doubleSpaced(List<String> lines) {
        int textLines = 0;
        int adjacent = 0;
        int singleGaps = 0;
        int gaps = 0;
        int lastText = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) continue;
            textLines++;
            if (lastText >= 0) {
                if (i == lastText + 1) adjacent++;
                else {
                    gaps++;
                    if (i == lastText + 2) singleGaps++;
                }
            }
            lastText = i;
        }
        return textLines >= 6 && adjacent * 20 <= textLines && singleGaps * 10 >= gaps * 8;
    }

    private static boolean endsQuestion(String line) {
        return line.endsWith("?") && line.length() <= MAX_QUESTION_CHARS;
    }

    /** A line that may be the first half of a question wrapped onto the next line. */
    private static boolean continues(String line) {
        if (line.isEmpty() || BULLET.matcher(line).matches()) return false;
        char last = line.charAt(line.length() - 1);
        return ".?!:;".indexOf(last) < 0 && line.length() <= MAX_QUESTION_CHARS;
    }

    /** The last line of a statement starting at {@code first}: ends in . ! or ? within three lines of one paragraph. */
    private static int statementEnd(List<String> lines, int first) {
        int chars = 0;
        for (int i = first; i < lines.size() && i < first + 3; i++) {
            String l = lines.get(i);
            if (l.isEmpty()) return -1;
            chars += l.length();
            if (chars > MAX_QUESTION_CHARS) return -1;
            char last = l.charAt(l.length() - 1);
            if (".!?".indexOf(last) >= 0) return i;
        }
        return -1;
    }

    private static Span span(List<String> lines, int first, int last) {
        String q = String.join(" ", lines.subList(first, last + 1));
        return new Span(first, last, QUESTION_PREFIX.matcher(q).replaceFirst(""));
    }

    private static String trimBlankLines(List<String> lines) {
        int from = 0;
        int to = lines.size();
        while (from < to && lines.get(from).isBlank()) from++;
        while (to > from && lines.get(to - 1).isBlank()) to--;
        return String.join("\n", lines.subList(from, to));
    }

    private static void add(String question, String answer, List<Pair> pairs, List<String> unanswered, Set<String> ids) {
        if (answer.isBlank()) {
            unanswered.add(question);
            return;
        }
        String id = uniqueId(question, ids);
        pairs.add(new Pair(id, question, question, answer));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // HTML

    private static final Set<String> SKIPPED = Set.of("script", "style", "noscript", "template", "head", "title", "iframe",
            "object", "embed", "svg", "canvas", "math", "input", "select", "textarea");
    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "blockquote", "pre", "h1", "h2",
            "h3", "h4", "h5", "h6", "dl", "dt", "dd", "table", "ul", "ol", "header", "footer", "main", "aside", "nav",
            "figure", "figcaption", "address", "hr", "fieldset", "details", "summary", "center");

    private static Result parseHtml(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(String.join(",", SKIPPED)).remove();
        List<Element> questions = new ArrayList<>();
        Set<Element> isQuestion = new HashSet<>();
        for (Element e : doc.body().select("h2, h3, dt, p")) {
            if (!questionElement(e)) continue;
            if (e.parents().stream().anyMatch(isQuestion::contains)) continue;
            questions.add(e);
            isQuestion.add(e);
        }
        List<Pair> pairs = new ArrayList<>();
        List<String> unanswered = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean truncated = false;
        for (Element q : questions) {
            if (pairs.size() >= MAX_PAIRS) {
                truncated = true;
                break;
            }
            String question = QUESTION_PREFIX.matcher(clean(q.text())).replaceFirst("");
            add(question, answerAfter(q, isQuestion), pairs, unanswered, ids);
        }
        return new Result(Format.HTML, List.copyOf(pairs), List.copyOf(unanswered), truncated, List.of());
    }

    private static boolean questionElement(Element e) {
        String text = clean(e.text());
        if (!text.endsWith("?") || text.length() > MAX_QUESTION_CHARS) return false;
        if (!e.normalName().equals("p")) return true;
        boolean bold = false;
        for (Node n : e.childNodes()) {
            if (n instanceof TextNode t) {
                if (!clean(t.getWholeText()).isEmpty()) return false;
            } else if (n instanceof Element c) {
                String tag = c.normalName();
                if (tag.equals("strong") || tag.equals("b")) bold = true;
                else if (!tag.equals("br")) return false;
            }
        }
        return bold;
    }

    /** The text after a question element, up to the next question or a heading of the same or a higher rank. */
    private static String answerAfter(Element q, Set<Element> isQuestion) {
        int rank = headingRank(q);
        Node start = q;
        // a question wrapped alone in a container (an accordion's header): its answer follows the container
        for (int up = 0; up < 3 && nothingAfter(start) && start.parent() instanceof Element p
                && !p.normalName().equals("body") && p.text().equals(q.text()); up++) {
            start = p;
        }
        PlainText out = new PlainText();
        for (Node n = start.nextSibling(); n != null; n = n.nextSibling()) {
            if (n instanceof Element e && stops(e, rank, isQuestion)) break;
            out.render(n);
        }
        return out.toString();
    }

    private static boolean nothingAfter(Node n) {
        for (Node s = n.nextSibling(); s != null; s = s.nextSibling()) {
            if (s instanceof Element) return false;
            if (s instanceof TextNode t && !clean(t.getWholeText()).isEmpty()) return false;
        }
        return true;
    }

    private static boolean stops(Element e, int rank, Set<Element> isQuestion) {
        String tag = e.normalName();
        if (isQuestion.contains(e) || (rank == 7 && tag.equals("dt")) || tag.equals("footer") || tag.equals("nav")) return true;
        for (Element inner : e.getAllElements()) {
            if (isQuestion.contains(inner)) return true;
            int r = headingRank(inner);
            if (r <= 6 && r <= rank) return true;
        }
        return false;
    }

    /** 1 to 6 for h1 to h6; 7 for anything else (a dt or bold question: any heading ends its answer). */
    private static int headingRank(Element e) {
        String tag = e.normalName();
        if (tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6') return tag.charAt(1) - '0';
        return 7;
    }

    private static String clean(String s) {
        return SPACES.matcher(s).replaceAll(" ").strip();
    }

    /** Text of HTML nodes: blocks as paragraphs (blank lines), list items as "- " lines, links as "text (URL)". */
    private static final class PlainText {
        private final StringBuilder out = new StringBuilder();
        /** 0: nothing pending; 1: a space; 2: a line break; 3: a blank line. */
        private int pending;

        void render(Node n) {
            if (n instanceof TextNode t) {
                text(t.getWholeText());
                return;
            }
            if (!(n instanceof Element e)) return; // comments, and script/style data
            String tag = e.normalName();
            if (SKIPPED.contains(tag)) return;
            switch (tag) {
                case "br" -> brk(2);
                case "li" -> {
                    brk(2);
                    word("- ");
                    children(e);
                    brk(2);
                }
                case "tr" -> {
                    brk(2);
                    children(e);
                    brk(2);
                }
                case "td", "th" -> {
                    brk(1);
                    children(e);
                    brk(1);
                }
                case "a" -> {
                    int before = out.length();
                    children(e);
                    String label = out.substring(Math.min(before, out.length())).strip();
                    String url = link(e);
                    if (!url.isEmpty() && !label.equals(url) && !label.isEmpty()) {
                        brk(1);
                        word("(" + url + ")");
                    } else if (!url.isEmpty() && label.isEmpty()) {
                        word(url);
                    }
                }
                default -> {
                    boolean block = BLOCKS.contains(tag);
                    if (block) brk(3);
                    children(e);
                    if (block) brk(3);
                }
            }
        }

        private void children(Element e) {
            for (Node c : e.childNodes()) render(c);
        }

        private static String link(Element a) {
            String href = a.attr("href").strip();
            if (href.isEmpty() || href.startsWith("#") || href.regionMatches(true, 0, "javascript:", 0, 11)) return "";
            String abs = a.absUrl("href");
            String url = abs.isEmpty() ? href : abs;
            if (url.regionMatches(true, 0, "mailto:", 0, 7)) url = url.substring(7);
            return SPACES.matcher(url).replaceAll("");
        }

        private void brk(int level) {
            pending = Math.max(pending, level);
        }

        private void text(String raw) {
            if (raw.isEmpty()) return;
            boolean leading = SPACES.matcher(raw.substring(0, 1)).matches();
            boolean trailing = SPACES.matcher(raw.substring(raw.length() - 1)).matches();
            String s = clean(raw);
            if (leading) brk(1);
            if (!s.isEmpty()) word(s);
            if (trailing) brk(1);
        }

        private void word(String s) {
            if (out.length() > 0) {
                if (pending == 3) out.append("\n\n");
                else if (pending == 2) out.append('\n');
                else if (pending == 1) out.append(' ');
            }
            pending = 0;
            out.append(s);
        }

        @Override
        public String toString() {
            StringBuilder b = new StringBuilder();
            for (String line : out.toString().split("\n", -1)) b.append(line.strip()).append('\n');
            return b.toString().replaceAll("\n{3,}", "\n\n").strip();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Ids and words

    /** Function words: they make neither an id nor an overlap. Words that change a question's meaning stay. */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "the", "and", "or", "but", "if", "so", "of", "to",
            "in", "on", "at", "by", "for", "with", "from", "into", "onto", "about", "as", "is", "are", "was", "were", "be",
            "been", "being", "am", "do", "does", "did", "doing", "have", "has", "had", "having", "i", "me", "my", "mine",
            "we", "us", "our", "ours", "you", "your", "yours", "he", "him", "his", "she", "her", "hers", "it", "its",
            "they", "them", "their", "theirs", "this", "that", "these", "those", "there", "here", "what", "which", "who",
            "whom", "whose", "how", "why", "when", "can", "could", "will", "would", "shall", "should", "may", "might",
            "must", "just", "also", "then", "than", "too", "very", "s", "t", "d", "ll", "m", "re", "ve", "im", "ive",
            "id", "youre", "please", "thanks", "thank", "hi", "hello", "dear");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]++");

    /** The content words of a text, lower case, ASCII, in order, without repeats (not stemmed). */
    public static List<String> words(String text) {
        Set<String> out = new LinkedHashSet<>();
        // typographic hyphens (common in text taken from a PDF) as the plain one, so that "e-filed" folds the same either way
        String t = text.replace('\u2010', '-').replace('\u2011', '-').replace('\u2012', '-').replace('\u2212', '-');
        for (String w : NOT_WORD.split(Tokens.normalize(t))) {
            if (!w.isEmpty() && !STOP_WORDS.contains(w)) out.add(w);
        }
        return List.copyOf(out);
    }

    /** Up to {@link #ID_WORDS} content words of the question joined by '-': only a-z, 0-9 and '-'. */
    public static String id(String question) {
        List<String> w = words(question);
        String id = String.join("-", w.subList(0, Math.min(ID_WORDS, w.size())));
        return id.isEmpty() ? "question" : id;
    }

    private static String uniqueId(String question, Set<String> taken) {
        String base = id(question);
        String id = base;
        for (int n = 2; !taken.add(id); n++) id = base + "-" + n;
        return id;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Matching

    /** Content words, stemmed as the classifier stems them: "linked" and "link" are one word. */
    static Set<String> stems(String text) {
        PorterStemmer stemmer = new PorterStemmer();
        Set<String> out = new HashSet<>();
        for (String w : words(text)) out.add(w.length() > 3 ? stemmer.stem(w) : w);
        return out;
    }

    /** The size of the intersection over the size of the union; 0 when both are empty. */
    static double jaccard(Set<String> a, Set<String> b) {
        if (a.isEmpty() && b.isEmpty()) return 0;
        int common = 0;
        for (String w : a) if (b.contains(w)) common++;
        return (double) common / (a.size() + b.size() - common);
    }

    /**
     * The existing topic closest to a question: the highest word overlap (Jaccard on stemmed content words) between
     * the question and any one of the topic's examples or the words of its id. Ties go to the topic first in the
     * map's order.
     *
     * @param examplesByTopic existing topic id to its example texts (corpus lines; may be empty)
     */
    public static Match closest(String question, Map<String, List<String>> examplesByTopic) {
        Set<String> q = stems(question);
        String best = null;
        double bestScore = 0;
        for (Map.Entry<String, List<String>> e : examplesByTopic.entrySet()) {
            double score = jaccard(q, stems(e.getKey().replace('-', ' ').replace('_', ' ')));
            for (String example : e.getValue()) score = Math.max(score, jaccard(q, stems(example)));
            if (score > bestScore) {
                bestScore = score;
                best = e.getKey();
            }
        }
        return new Match(best, bestScore);
    }
}
