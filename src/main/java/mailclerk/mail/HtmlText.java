package mailclerk.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;
import java.util.Set;

/**
 * HTML mail to plain text with a real HTML parser. Block elements become line breaks, so that quote and
 * signature markers ("On ... wrote:", "From: ... Sent:") stay on lines of their own, and text inside a
 * {@code <blockquote>} is prefixed with "> " like a quoted plain-text reply. Scripts, styles and Outlook's
 * conditional comments are dropped.
 */
public final class HtmlText {
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5",
            "h6", "blockquote", "table", "ul", "ol", "pre", "hr", "section", "article", "header", "footer", "dt", "dd");
    private static final Set<String> DROPPED = Set.of("script", "style", "head", "title", "noscript", "template",
            "object", "iframe", "svg");

    private HtmlText() {
    }

    public static String toText(String html) {
        Document doc = Jsoup.parse(html);
        doc.select(String.join(",", DROPPED)).remove();
        StringBuilder out = new StringBuilder(Math.min(html.length(), 1 << 16));
        NodeTraversor.traverse(new Visitor(out), doc.body());
        return tidy(out.toString());
    }

    private static final class Visitor implements NodeVisitor {
        private final StringBuilder out;
        private int quoteDepth;

        Visitor(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode t) {
                String s = t.text();
                if (!s.isBlank() || (out.length() > 0 && out.charAt(out.length() - 1) != '\n')) {
                    appendText(s);
                }
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("blockquote")) {
                    newLine();
                    quoteDepth++;
                } else if (BLOCKS.contains(tag)) {
                    newLine();
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("blockquote")) {
                    newLine();
                    quoteDepth--;
                } else if (BLOCKS.contains(tag) && !tag.equals("br")) {
                    newLine();
                }
            }
        }

        private void appendText(String s) {
            if (atLineStart() && quoteDepth > 0) {
                out.append("> ".repeat(quoteDepth));
            }
            out.append(s.replace('\u00a0', ' '));
        }

        private boolean atLineStart() {
            return out.length() == 0 || out.charAt(out.length() - 1) == '\n';
        }

        private void newLine() {
            out.append('\n');
        }
    }

    /** Collapses runs of blank lines and trailing spaces the traversal leaves behind. */
    static String tidy(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int blank = 0;
        for (String line : s.split("\n", -1)) {
            String l = line.strip();
            if (l.isEmpty() || onlyQuoteMarks(l)) {
                blank++;
                if (blank > 1) continue;
                b.append('\n');
            } else {
                blank = 0;
                b.append(l).append('\n');
            }
        }
        return b.toString().strip();
    }

    /** "> > >" left from a quoted empty line (a loop: a repeated regex group recurses once per "> "). */
    private static boolean onlyQuoteMarks(String l) {
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (c != '>' && c != ' ') return false;
        }
        return l.charAt(0) == '>';
    }
}
