package mailclerk.respond.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mail not written in English goes to a clerk: the model and the templates are English, and a Spanish question
 * that shares "PACER" and "CM/ECF" with an FAQ topic would get an English answer it may not be able to read.
 * Recognised by function words: a message with more Spanish, French, German, Portuguese or Italian function words
 * than English ones (and at least three), or mostly written in a non-Latin script. Telegraphic English ("NG CSO
 * login ECF creds not working pls advise") has few function words of any language, so English is never judged by
 * its own share alone.
 */
public final class LanguageRule implements FlagRule {
    private static final int MIN_WORDS = 6;
    private static final int MIN_FOREIGN = 3;
    private static final Pattern WORD = Pattern.compile("\\p{L}++");
    private static final Set<String> ENGLISH = Set.of(
            "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "for", "with", "at", "by", "from", "as",
            "i", "me", "my", "we", "our", "us", "you", "your", "he", "his", "she", "her", "it", "its", "they", "their",
            "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "have", "has", "had", "can", "could",
            "will", "would", "should", "not", "no", "this", "that", "these", "what", "how", "where", "when", "why",
            "which", "who", "if", "so", "get", "got", "just", "now", "please", "thanks", "thank", "hi", "hello", "there",
            "any", "all", "up", "out", "into", "about", "after", "before", "since", "need", "know", "help", "still");
    /** Function words of the other languages a court's filers most often write in; none is an English word. */
    private static final Set<String> FOREIGN = Set.of(
            "el", "la", "los", "las", "del", "que", "por", "para", "con", "una", "es", "est\u00e1", "esta", "puedo",
            "tengo", "cuenta", "contrase\u00f1a", "c\u00f3mo", "como", "gracias", "hola", "pero", "muy", "tambi\u00e9n",
            "le", "les", "des", "du", "et", "je", "mon", "mes", "pas", "pour", "avec", "une", "vous", "nous",
            "bonjour", "merci", "der", "das", "und", "ich", "nicht", "ist", "mit", "f\u00fcr", "ein", "eine", "mein",
            "bitte", "danke", "n\u00e3o", "voc\u00ea", "obrigado", "minha", "meu", "sono", "della", "grazie",
            "ciao", "ho", "di", "che", "en", "de", "al", "se", "lo", "su", "sus");

    @Override
    public String id() {
        return "non-english";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        return notEnglish(text.ownWords()) ? Optional.of("not written in English: a clerk should answer") : Optional.empty();
    }

    /** Whether these words read as another language than English (the test this rule flags by). */
    public static boolean notEnglish(String words) {
        var m = WORD.matcher(words.toLowerCase(Locale.ROOT));
        int count = 0;
        int english = 0;
        int foreign = 0;
        int nonLatin = 0;
        while (m.find() && count < 2_000) {
            String w = m.group();
            count++;
            if (ENGLISH.contains(w)) english++;
            if (FOREIGN.contains(w)) foreign++;
            if (!w.chars().allMatch(c -> c < 0x250)) nonLatin++;
        }
        if (count < MIN_WORDS) return false;
        return nonLatin * 2 > count || (foreign >= MIN_FOREIGN && foreign > english);
    }
}
