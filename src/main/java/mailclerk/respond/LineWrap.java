package mailclerk.respond;

/**
 * Keeps every line of a reply within {@link #WIDTH} characters (RFC 5322's 78), whatever the configured court
 * details or the filer's name make of the templates: a longer line is broken at its last space that fits, and a
 * word longer than the width (a URL) is left whole on its own line rather than cut.
 */
final class LineWrap {
    static final int WIDTH = 78;

    private LineWrap() {
    }

    static String wrap(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (String line : text.split("\n", -1)) {
            String rest = line;
            while (rest.length() > WIDTH) {
                int cut = rest.lastIndexOf(' ', WIDTH);
                if (cut <= 0) cut = rest.indexOf(' ', WIDTH);
                if (cut <= 0) break;
                out.append(rest, 0, cut).append('\n');
                rest = rest.substring(cut + 1);
            }
            out.append(rest).append('\n');
        }
        out.setLength(out.length() - 1); // the split added one line break too many
        return out.toString();
    }
}
