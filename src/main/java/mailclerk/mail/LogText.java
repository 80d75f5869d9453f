package mailclerk.mail;

/**
 * Text from outside (a Message-ID, a header value, a name typed at the login page, a URL path) as it may appear in
 * the operator's log: one token that cannot forge a line or a field. Control characters (a newline, an ANSI escape),
 * spaces, '=' and quotes are percent-encoded, so {@code grep action=reply} never finds a reply that never happened
 * inside someone's Message-ID, and the value is cut short. Letters of any script stay readable.
 */
public final class LogText {
    /** The longest value a log line repeats: a Message-ID is rarely longer, a forged one is cut. */
    public static final int MAX = 160;

    private LogText() {
    }

    /** One token: safe characters as they are, the rest %XX (UTF-8), at most {@link #MAX} characters then "…". */
    public static String token(String s) {
        if (s == null) return "-";
        StringBuilder b = new StringBuilder(Math.min(s.length(), MAX) + 8);
        int[] points = s.codePoints().toArray();
        for (int c : points) {
            if (b.length() >= MAX) {
                b.append('…');
                break;
            }
            if (c > 0x20 && c < 0x7F && c != '=' && c != '"' && c != '\'' && c != '%' && c != '\\') {
                b.append((char) c);
            } else if (c >= 0xA0 && !Character.isISOControl(c) && !Character.isWhitespace(c) && !invisible(c)) {
                b.appendCodePoint(c);
            } else {
                for (byte x : new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
                    b.append('%').append(String.format("%02X", x & 0xFF));
                }
            }
        }
        return b.length() == 0 ? "-" : b.toString();
    }

    /**
     * Free text that we wrote but that may carry a piece of a header (a reason: "machine mail: Auto-Submitted: …"):
     * controls removed, '=' encoded so that no field can be forged, cut at {@code max}.
     */
    public static String text(String s, int max) {
        if (s == null) return "-";
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || invisible(c)) b.append(' ');
            else if (c == '=') b.append("%3D");
            else b.appendCodePoint(c);
        });
        String t = b.toString();
        return t.length() > max ? t.substring(0, max) + "…" : t;
    }

    /** Bidirectional controls, zero-width and tag characters: they reorder or hide what an operator reads. */
    static boolean invisible(int c) {
        return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F || c == 0x061C
                || (c >= 0x200B && c <= 0x200D) || c == 0x2060 || c == 0xFEFF || (c >= 0xE0000 && c <= 0xE007F)
                || c == 0x2028 || c == 0x2029;
    }
}
