package mailclerk.web;

/** Text from a request made safe for one log line. */
final class MessageText {
    private MessageText() {
    }

    static String oneLine(String s) {
        if (s == null) return "";
        String t = s.replaceAll("\\p{Cntrl}", " ");
        return t.length() > 100 ? t.substring(0, 100) : t;
    }
}
