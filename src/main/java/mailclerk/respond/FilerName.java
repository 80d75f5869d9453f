package mailclerk.respond;

import java.util.regex.Pattern;
import mailclerk.mail.MessageReader;

/**
 * The name to greet a filer by, from the From header's display name. Only a plausible personal name is used;
 * anything else (an address, a firm's mailbox name, markup, digits, a very long string) gives the anonymous
 * greeting, since the name is put into a letter the court signs. It is inserted as text: never evaluated.
 */
public final class FilerName {
    private static final Pattern LAST_FIRST = Pattern.compile("^([^,]{2,40}),\\s*([^,]{2,40})$");
    private static final Pattern NOT_A_PERSON = Pattern.compile(
            "(?i)@|https?:|www\\.|\\b(office|desk|team|support|info|admin|intake|firm|llc|llp|p\\.?c\\.?|inc|law group|legal)\\b");

    /** Letters of any script, with the spaces, hyphens, apostrophes, periods and commas that names carry. */
    private static final Pattern PERSON = Pattern.compile("\\p{L}[\\p{L}\\p{M} .,'\u2019-]{0,59}");
    private static final int MAX_WORDS = 5;

    private FilerName() {
    }

    public static String of(String displayName) {
        String n = MessageReader.clean(displayName).replace("\"", "").strip();
        if (n.isEmpty() || n.length() > 60 || !PERSON.matcher(n).matches() || NOT_A_PERSON.matcher(n).find()) return "";
        if (n.split(" ").length > MAX_WORDS) return "";
        var m = LAST_FIRST.matcher(n);
        if (m.matches() && !m.group(2).matches("(?i)(jr|sr|ii|iii|iv|esq)\\.?")) n = m.group(2).strip() + " " + m.group(1).strip();
        return n;
    }
}
