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

    public static String decimal(double d) {
        return Double.isNaN(d) ? "" : String.format(Locale.ROOT, "%.2f", d);
    }
}
