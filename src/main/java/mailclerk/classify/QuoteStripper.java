package mailclerk.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps what the filer wrote in this message: drops quoted replies ({@code >} lines, "On ... wrote:", Outlook's
 * "-----Original Message-----" and "From: / Sent: / To: / Subject:" blocks), signatures and confidentiality
 * footers. A forwarded message is the question itself (a paralegal forwarding the attorney's note), so for a
 * forward only the header block is dropped and the forwarded text is kept.
 */
public final class QuoteStripper {
    private static final Pattern QUOTED = Pattern.compile("^\\s*+>.*");
    private static final Pattern ORIGINAL = Pattern.compile("(?i)^\\s*+-{2,}\\s*original message\\s*-{2,}\\s*$");
    private static final Pattern FORWARD_MARK = Pattern.compile(
            "(?i)^\\s*+(-{2,}\\s*forwarded message\\s*-{2,}|begin forwarded message:|-{2,}\\s*forwarded by .*)\\s*$");
    private static final Pattern WROTE = Pattern.compile("(?i)^\\s*+(on\\s.{4,250}\\swrote|.{1,120}\\s(wrote|writes|a écrit|schrieb)):\\s*$");
    private static final Pattern ON_START = Pattern.compile("(?i)^\\s*+on\\s.{4,200}$");
    private static final Pattern HEADER_LINE = Pattern.compile("(?i)^\\s*+\\*?(from|sent|date|to|cc|subject|de|von|envoyé|objet)\\*?:.*");
    private static final Pattern FROM_LINE = Pattern.compile("(?i)^\\s*+\\*?(from|de|von)\\*?:\\s*\\S.*");
    private static final Pattern RULE = Pattern.compile("^\\s*+_{8,}\\s*$");
    private static final Pattern SIG_DASHES = Pattern.compile("^--\\s*$");
    private static final Pattern MOBILE = Pattern.compile("(?i)^\\s*+(sent from my|get outlook for|sent via|sent from (yahoo|mail for windows)).*");
    private static final Pattern VALEDICTION = Pattern.compile(
            "(?i)^\\s*+(thanks|thank you|thx|many thanks|thanks again|thanks so much|thanks in advance|regards|best regards|kind regards|warm regards|best|sincerely|respectfully|cheers|cordially|v/r|very truly yours|yours truly)\\s*[,.!]*\\s*$");
    private static final Pattern DISCLAIMER = Pattern.compile(
            "(?i)confidential|privileged|intended (only )?for|intended recipient|attorney[- ]client|unauthorized (use|review)");
    private static final Pattern ABOUT_MAIL = Pattern.compile("(?i)notice|disclaimer|e-?mail|message|transmission|communication");
    private static final Pattern ABOUT_RECIPIENT = Pattern.compile("(?i)recipient|intended|privileged|delete|notify");

    private QuoteStripper() {
    }

    public static String strip(String text, boolean forwarded) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        boolean forward = forwarded;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String next = i + 1 < lines.length ? lines[i + 1] : "";
            if (FORWARD_MARK.matcher(line).matches()) {
                forward = true;
                i = skipHeaderBlock(lines, i + 1) - 1;
                continue;
            }
            boolean replyMarker = ORIGINAL.matcher(line).matches()
                    || WROTE.matcher(line).matches()
                    || (ON_START.matcher(line).matches() && WROTE.matcher(line + " " + next).matches())
                    || (RULE.matcher(line).matches() && FROM_LINE.matcher(next).matches())
                    || (FROM_LINE.matcher(line).matches() && headerBlockFollows(lines, i));
            if (replyMarker) {
                if (!forward) break;
                i = skipHeaderBlock(lines, i + 1) - 1;
                continue;
            }
            if (QUOTED.matcher(line).matches()) {
                if (forward) kept.add(line.replaceFirst("^(\\s*>)+\\s?", ""));
                continue;
            }
            if (SIG_DASHES.matcher(line).matches() && !forward) break;
            if (MOBILE.matcher(line).matches()) continue;
            kept.add(line);
        }
        return dropSignOff(dropDisclaimers(kept));
    }

    /** An Outlook header block: From: followed within a few lines by Sent:/Date: and Subject:/To:. */
    private static boolean headerBlockFollows(String[] lines, int from) {
        int headers = 0;
        for (int j = from + 1; j < Math.min(lines.length, from + 6); j++) {
            if (HEADER_LINE.matcher(lines[j]).matches()) headers++;
        }
        return headers >= 2;
    }

    private static int skipHeaderBlock(String[] lines, int start) {
        int i = start;
        while (i < lines.length && (lines[i].isBlank() || HEADER_LINE.matcher(lines[i]).matches()
                || RULE.matcher(lines[i]).matches() || ORIGINAL.matcher(lines[i]).matches())) {
            i++;
            if (i - start > 12) break;
        }
        return i;
    }

    private static List<String> dropDisclaimers(List<String> lines) {
        List<String> out = new ArrayList<>();
        List<String> para = new ArrayList<>();
        for (String l : lines) {
            if (l.isBlank()) {
                flushParagraph(para, out);
                out.add("");
            } else {
                para.add(l);
            }
        }
        flushParagraph(para, out);
        return out;
    }

    private static void flushParagraph(List<String> para, List<String> out) {
        if (para.isEmpty()) return;
        String joined = String.join(" ", para);
        boolean disclaimer = joined.length() > 120 && DISCLAIMER.matcher(joined).find()
                && ABOUT_MAIL.matcher(joined).find() && ABOUT_RECIPIENT.matcher(joined).find();
        if (!disclaimer) out.addAll(para);
        para.clear();
    }

    /** Cuts "Thanks, / Jane Doe / Firm / phone" at the valediction when it stands near the end. */
    private static String dropSignOff(List<String> lines) {
        int end = lines.size();
        int nonBlankAfter = 0;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (VALEDICTION.matcher(l).matches() && nonBlankAfter <= 8) {
                end = i;
                break;
            }
            if (!l.isBlank()) nonBlankAfter++;
            if (nonBlankAfter > 8) break;
        }
        return String.join("\n", lines.subList(0, end)).strip();
    }
}
