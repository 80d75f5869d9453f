package mailclerk.respond.rules;

import java.lang.Character.UnicodeScript;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which language a message that {@link LanguageRule} found not to be English is written in, as a BCP 47 tag for the
 * console's {@code lang} attribute, so that a screen reader reads a Spanish message with a Spanish voice. Only a
 * guess that stands out is given: by script for non-Latin text, else by words found in one language and not in
 * the others; otherwise none, and the text keeps the page's language rather than claiming a wrong one.
 */
public final class LanguageGuess {
    private static final Pattern WORD = Pattern.compile("\\p{L}++");
    /** Words that belong to one language only among these (shared ones like "de", "la", "que" tell nothing). */
    private static final Map<String, Set<String>> WORDS = new LinkedHashMap<>();

    static {
        WORDS.put("es", Set.of("el", "los", "las", "del", "por", "para", "una", "est\u00e1", "puedo", "tengo", "cuenta",
                "contrase\u00f1a", "c\u00f3mo", "gracias", "hola", "pero", "muy", "tambi\u00e9n", "y", "usted", "mis",
                "necesito", "ayuda", "cuando", "porque", "quiero"));
        WORDS.put("fr", Set.of("le", "les", "des", "du", "et", "je", "mes", "pas", "pour", "avec", "vous", "nous",
                "bonjour", "merci", "mot", "passe", "compte", "aide", "mais", "tr\u00e8s", "aussi", "votre"));
        WORDS.put("de", Set.of("der", "das", "und", "ich", "nicht", "ist", "mit", "f\u00fcr", "ein", "eine", "mein",
                "bitte", "danke", "den", "dem", "zu", "auf", "wie", "kann", "passwort", "konto", "hallo"));
        WORDS.put("pt", Set.of("n\u00e3o", "voc\u00ea", "obrigado", "obrigada", "minha", "meu", "uma", "conta",
                "senha", "ol\u00e1", "em", "dos", "tamb\u00e9m", "preciso", "ajuda"));
        WORDS.put("it", Set.of("sono", "della", "grazie", "ciao", "ho", "di", "per", "mio", "mia",
                "buongiorno", "aiuto", "anche", "molto"));
    }

    /** Scripts that name one language; Cyrillic, Arabic and Devanagari are written in several, so they name none. */
    private static final Map<UnicodeScript, String> SCRIPTS = new EnumMap<>(Map.of(
            UnicodeScript.HAN, "zh", UnicodeScript.HIRAGANA, "ja", UnicodeScript.KATAKANA, "ja",
            UnicodeScript.HANGUL, "ko", UnicodeScript.HEBREW, "he", UnicodeScript.GREEK, "el", UnicodeScript.THAI, "th"));

    private LanguageGuess() {
    }

    /** The language of this text when it is clearly not English and one language stands out; else empty. */
    public static Optional<String> of(String text) {
        if (text == null) return Optional.empty();
        // the sender's own words: a reply in English above a quoted Spanish message is English
        text = text.lines().filter(l -> !l.stripLeading().startsWith(">")).collect(java.util.stream.Collectors.joining("\n"));
        // a script of its own decides (Chinese has no spaces to count words by); Latin text must first read as foreign
        Optional<String> script = byScript(text);
        if (script.isPresent()) return script;
        return LanguageRule.notEnglish(text) ? byWords(text) : Optional.empty();
    }

    private static Optional<String> byScript(String text) {
        Map<UnicodeScript, Integer> counts = new EnumMap<>(UnicodeScript.class);
        int letters = 0;
        for (int i = 0, n = Math.min(text.length(), 20_000); i < n; ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (!Character.isLetter(c)) continue;
            letters++;
            UnicodeScript s = UnicodeScript.of(c);
            if (SCRIPTS.containsKey(s)) counts.merge(s, 1, Integer::sum);
        }
        // Japanese mixes kana with kanji: any kana at all makes Han text Japanese
        int kana = counts.getOrDefault(UnicodeScript.HIRAGANA, 0) + counts.getOrDefault(UnicodeScript.KATAKANA, 0);
        if (kana > 0 && (kana + counts.getOrDefault(UnicodeScript.HAN, 0)) * 2 > letters) return Optional.of("ja");
        for (var e : counts.entrySet()) {
            if (e.getValue() * 2 > letters) return Optional.of(SCRIPTS.get(e.getKey()));
        }
        return Optional.empty();
    }

    private static Optional<String> byWords(String text) {
        var m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        Map<String, Integer> hits = new LinkedHashMap<>();
        int words = 0;
        while (m.find() && words++ < 2_000) {
            String w = m.group();
            for (var e : WORDS.entrySet()) if (e.getValue().contains(w)) hits.merge(e.getKey(), 1, Integer::sum);
        }
        String best = null;
        int top = 0;
        int second = 0;
        for (var e : hits.entrySet()) {
            if (e.getValue() > top) {
                second = top;
                top = e.getValue();
                best = e.getKey();
            } else if (e.getValue() > second) {
                second = e.getValue();
            }
        }
        // a clear lead, or no tag at all: a wrong voice is no better than the page's own
        return top >= 3 && top >= 2 * second ? Optional.of(best) : Optional.empty();
    }
}
