package mailclerk.respond;

import java.util.regex.Pattern;
import mailclerk.mail.MessageReader;

/**
 * The name to greet a filer by, from the From header's display name. Only a plausible personal name is used;
 * anything else (an address, a firm's mailbox name, a very long string) gives the anonymous greeting. The name
 * is inserted as text: whatever characters it has, it is never evaluated.
 */
public final class FilerName {
    private static final Pattern LAST_FIRST = Pattern.compile("^([^,]{2,40}),\\s*([^,]{2,40})$");
    private static final Pattern NOT_A_PERSON = Pattern.compile(
            "(?i).*(@|https?:|www\\.|\\b(office|desk|team|support|info|admin|intake|firm|llc|llp|p\\.?c\\.?|inc|law group|legal)\\b).*");

    private FilerName() {
    }

    public static String of(String displayName) {
        String n = MessageReader.clean(displayName).replace("\"", "").strip();
        if (n.isEmpty() || n.length() > 60 || NOT_A_PERSON.matcher(n).matches()) return "";
        var m = LAST_FIRST.matcher(n);
        if (m.matches() && !m.group(2).matches("(?i)(jr|sr|ii|iii|iv|esq)\\.?")) n = m.group(2).strip() + " " + m.group(1).strip();
        return n;
    }
}
