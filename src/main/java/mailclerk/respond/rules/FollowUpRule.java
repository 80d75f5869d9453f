package mailclerk.respond.rules;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A follow-up to an earlier help-desk answer goes to a clerk: the earlier answer did not settle it, so sending it
 * again (or another template) is wrong. Clerks answer from Outlook too, so the journal does not always know the
 * earlier message and {@code In-Reply-To} may point nowhere we know. The quote stripper removes quoted text before
 * classification, so this rule reads the raw body for:
 * <ul>
 * <li>a quoted header line naming the help desk ("From: IASB Help Desk &lt;helpdesk@...&gt;", "On ..., IASB Help
 * Desk wrote:", after "-----Original Message-----" or not);</li>
 * <li>a run of words from one of our own answers in the quoted part (what the quote stripper dropped). The
 * filer's own words are not searched: our answers are the court's FAQ, and a filer who cites the FAQ in a new
 * question is asking, not following up.</li>
 * </ul>
 * An Outlook header block turned into one line by HTML conversion ("From: Jane Sent: ... To: IASB Help Desk") is
 * cut at the first other header name, so a filer's own earlier message to us does not count as ours.
 */
public final class FollowUpRule implements FlagRule {
    /** Words in a row that must match a template: long enough that a filer's own sentence does not. */
    static final int SHINGLE = 8;
    private static final Pattern HEADER = Pattern.compile("^[>\\s*]{0,20}+(?:from|de|von|sender)\\s{0,3}+\\*?:.{0,400}+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WROTE = Pattern.compile("^[>\\s]{0,20}+on\\s.{0,400}?\\swrote:?\\s{0,10}+$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WORD = Pattern.compile("[a-z0-9]++");
    private static final Pattern NEXT_HEADER = Pattern.compile("\\s(?:sent|date|to|cc|subject|envoy\u00e9|gesendet|an|betreff)\\s{0,3}+:");

    private final List<String> ownNames;
    private final Set<String> templateShingles;

    /**
     * @param ownNames  the help desk's addresses and display name, lower case
     * @param templates the texts of our answers (variables left in; they never match and do no harm)
     */
    public FollowUpRule(List<String> ownNames, List<String> templates) {
        this.ownNames = ownNames.stream().map(n -> n.toLowerCase(Locale.ROOT)).filter(n -> !n.isBlank()).toList();
        Set<String> sh = new HashSet<>();
        for (String t : templates) {
            List<String> w = words(t);
            for (int i = 0; i + SHINGLE <= w.size(); i++) sh.add(String.join(" ", w.subList(i, i + SHINGLE)));
        }
        this.templateShingles = Set.copyOf(sh);
    }

    @Override
    public String id() {
        return "follow-up";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        for (String line : text.raw().split("\\R")) {
            if (line.length() > 400) continue;
            String l = line.toLowerCase(Locale.ROOT);
            if (HEADER.matcher(l).matches()) {
                var next = NEXT_HEADER.matcher(l);
                if (next.find()) l = l.substring(0, next.start());
            } else if (!WROTE.matcher(l).matches()) {
                continue;
            }
            if (namesUs(l)) {
                return Optional.of("a follow-up quoting an earlier help-desk message: a person should read it");
            }
        }
        List<String> w = words(quotedPart(text));
        for (int i = 0; i + SHINGLE <= w.size(); i++) {
            if (templateShingles.contains(String.join(" ", w.subList(i, i + SHINGLE)))) {
                return Optional.of("quotes one of our answers: the earlier answer did not settle it");
            }
        }
        return Optional.empty();
    }

    /** The raw lines that are not among the filer's own words: quotes, forwarded text, signatures. */
    private static String quotedPart(MessageText text) {
        Set<String> own = new HashSet<>();
        for (String l : text.ownWords().split("\\R")) if (!l.isBlank()) own.add(l.strip());
        StringBuilder b = new StringBuilder();
        for (String l : text.raw().split("\\R")) {
            if (!own.contains(l.strip())) b.append(l).append('\n');
        }
        return b.toString();
    }

    private boolean namesUs(String line) {
        for (String n : ownNames) if (line.contains(n)) return true;
        return false;
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT).replace("\u2019", "").replace("'", ""));
        while (m.find() && out.size() < 20_000) out.add(m.group());
        return out;
    }
}
