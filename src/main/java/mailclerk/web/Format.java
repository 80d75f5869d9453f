package mailclerk.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How the console writes times, sizes and figures (templates call these; jte escapes what they return). */
public final class Format {
    private static volatile DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("America/Chicago"));

    private Format() {
    }

    /** Times are shown in the court's zone ({@code court.time-zone}). */
    static void zone(ZoneId zone) {
        time = time.withZone(zone);
    }

    public static String time(Instant t) {
        return t == null ? "" : time.format(t);
    }

    public static String size(long bytes) {
        if (bytes < 0) return "size unknown";
        if (bytes < 1024) return bytes + " bytes";
        if (bytes < 1024 * 1024) return (bytes / 1024) + " KB";
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    public static String percent(double p) {
        return Double.isNaN(p) ? "" : String.format(Locale.ROOT, "%.0f %%", p * 100);
    }

    /** "40 seconds", "3 minutes". */
    public static String duration(long seconds) {
        if (seconds < 60) return seconds + (seconds == 1 ? " second" : " seconds");
        long m = (seconds + 59) / 60;
        return m + (m == 1 ? " minute" : " minutes");
    }

    /**
     * Text for a page with every file path cut to its last part: error texts from the JDK and libraries name
     * server paths, which tell a visitor how the server is laid out and help nobody at a clerk's desk.
     */
    public static String withoutPaths(String s) {
        if (s == null) return null;
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            int end = i;
            while (end < s.length() && !Character.isWhitespace(s.charAt(end))) end++;
            String word = s.substring(i, end);
            int slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
            boolean path = slash > 0 && (word.startsWith("/") || word.startsWith("file:") || word.startsWith("\\")
                    || (word.length() > 2 && word.charAt(1) == ':' && Character.isLetter(word.charAt(0))));
            out.append(path ? word.substring(slash + 1) : word);
            while (end < s.length() && Character.isWhitespace(s.charAt(end))) out.append(s.charAt(end++));
            i = end;
        }
        return out.toString();
    }

    public static String decimal(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.2f", d);
    }

    /** What an earlier message got, in a few words for the sender's history. */
    public static String outcome(mailclerk.queue.SenderHistoryEntry e) {
        if (e.action() == null) return "not decided yet";
        return switch (e.action()) {
            case "reply" -> "automatic answer (" + e.topic() + ")";
            case "ignore" -> "ignored as machine mail";
            default -> e.clerkAction() == null ? "sent to a clerk" + (e.topic() == null ? "" : " (suggested " + e.topic() + ")")
                    : "sent to a clerk; " + e.clerk() + " " + switch (e.clerkAction()) {
                        case "send" -> "answered (" + e.clerkTopic() + ")";
                        case "answered-by-hand" -> "answered by hand" + (e.clerkTopic() == null ? "" : " (" + e.clerkTopic() + ")");
                        case "not-a-question" -> "filed it as not a question";
                        default -> e.clerkAction();
                    } + " on " + time(e.clerkAt());
        };
    }

    /** "12 minutes", "3 h 05 min", "2 days 4 h"; empty for none. */
    public static String waited(java.time.Duration d) {
        if (d == null) return "";
        long m = d.toMinutes();
        if (m < 60) return m + (m == 1 ? " minute" : " minutes");
        if (m < 24 * 60) return String.format(Locale.ROOT, "%d h %02d min", m / 60, m % 60);
        return (m / (24 * 60)) + (m / (24 * 60) == 1 ? " day " : " days ") + (m % (24 * 60)) / 60 + " h";
    }
}
