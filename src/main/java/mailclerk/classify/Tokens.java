package mailclerk.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.stemmer.PorterStemmer;

/**
 * Text to classifier tokens. Filers spell the same thing many ways ("CM/ECF", "cmecf", "ECF"; "log in",
 * "sign-in", "logon"), and a small corpus cannot learn every spelling, so they are folded to one token first.
 * Addresses, URLs, phone and case numbers become placeholder tokens: their values say nothing of the topic.
 * Every pattern here runs on text a stranger wrote, so each is linear in its input: possessive runs, and a
 * look-behind so that a run is scanned from its start only, not again from every character in it
 * ({@code PatternCostTest} checks all of them).
 */
public final class Tokens {
    private static final Pattern URL = Pattern.compile("(?i)\\b(https?://|www\\.)[^\\s<>\"]+");
    private static final Pattern EMAIL = Pattern.compile("(?<![\\w.+-])[\\w.+-]++@[\\w-]++\\.[\\w.-]++");
    private static final Pattern PHONE = Pattern.compile("(\\+?1[ .-]?)?\\(?\\b\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4}\\b");
    private static final Pattern CASE_NO = Pattern.compile("(?i)\\b(\\d:)?\\d{2}-(bk|ap|cv|mp)?-?\\d{3,6}(-\\w+)?\\b");
    private static final Pattern NUMBER = Pattern.compile("\\b\\d++(?:[.,:/-]\\d++)*+\\b");
    private static final String[][] FOLDS = {
            {"\\bcm\\s*/\\s*ecf\\b|\\bcm[- ]ecf\\b|\\bcmecf\\b|\\becf\\b", " cmecf "},
            {"\\bnext[- ]?gen\\b", " nextgen "},
            {"\\be[- ]?fil(e|es|ed|ing|er|ers)\\b", " efile "},
            {"\\blog(ging|ged)?[- ]?(in|on)\\b|\\bsign(ing|ed)?[- ]?(in|on)\\b|\\blogins?\\b|\\blogons?\\b", " login "},
            {"\\buser[- ]?(name|id)s?\\b", " username "},
            {"\\bpass[- ]?words?\\b|\\bpwd?\\b|\\bpasswd\\b|\\bpasword\\b|\\bpassward\\b", " password "},
            {"\\bcredit[- ]cards?\\b|\\bdebit[- ]cards?\\b", " card "},
            {"\\bpacer\\b|\\bpacers\\b", " pacer "},
    };
    private static final Pattern[] FOLD_PATTERNS = new Pattern[FOLDS.length];
    private static final Pattern MARKS = Pattern.compile("\\p{M}++");
    private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9]++");
    /** NFKD can turn one character into eighteen; the classifier reads at most 2,000 tokens anyway. */
    private static final int MAX_CHARS = 250_000;

    static {
        for (int i = 0; i < FOLDS.length; i++) FOLD_PATTERNS[i] = Pattern.compile(FOLDS[i][0]);
    }

    private Tokens() {
    }

    /** Lower-cased, accent-free, placeholder-normalised text (still words, not stems). */
    public static String normalize(String text) {
        String s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFKD)).replaceAll("");
        if (s.length() > MAX_CHARS) s = s.substring(0, MAX_CHARS);
        s = s.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u2013', '-').replace('\u2014', '-');
        s = s.toLowerCase(Locale.ROOT);
        s = replaceUrls(s);
        s = EMAIL.matcher(s).replaceAll(" emailaddress ");
        s = PHONE.matcher(s).replaceAll(" phonenumber ");
        s = CASE_NO.matcher(s).replaceAll(" casenumber ");
        s = NUMBER.matcher(s).replaceAll(" number ");
        s = s.replace("'", "");
        for (int i = 0; i < FOLDS.length; i++) s = FOLD_PATTERNS[i].matcher(s).replaceAll(FOLDS[i][1]);
        return s;
    }

    private static String replaceUrls(String s) {
        Matcher m = URL.matcher(s);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String u = m.group();
            String token = u.contains("pacer") ? " pacersite " : u.contains("uscourts") ? " courtsite " : " weblink ";
            m.appendReplacement(b, token);
        }
        m.appendTail(b);
        return b.toString();
    }

    /** The classifier's tokens: normalised words, stemmed. */
    public static String[] of(String text) {
        String s = normalize(text);
        List<String> out = new ArrayList<>();
        PorterStemmer stemmer = new PorterStemmer();
        for (String w : NOT_WORD.split(s)) {
            if (w.isEmpty()) continue;
            out.add(w.length() > 3 ? stemmer.stem(w) : w);
            if (out.size() >= 2_000) break;
        }
        return out.toArray(new String[0]);
    }
}
