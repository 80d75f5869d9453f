package mailclerk.web;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A date typed into a filter: the text as typed (shown again, so a mistake can be corrected rather than retyped),
 * the day it names, or why it names none.
 *
 * @param typed what the clerk typed ("" for nothing)
 * @param day   the day, or null when nothing or something wrong was typed
 * @param error why the text is not a date, or null
 */
public record DateField(String typed, LocalDate day, String error) {

    public static DateField of(String raw) {
        String typed = raw == null ? "" : raw;
        if (typed.isBlank()) return new DateField(typed, null, null);
        LocalDate d;
        try {
            d = LocalDate.parse(typed.strip());
        } catch (DateTimeParseException e) {
            return new DateField(typed, null, "dates are written YYYY-MM-DD, for example 2026-03-31");
        }
        // a year like -999999999 parses, and then overflows every computation made with it
        if (d.getYear() < 1900 || d.getYear() > 9999) {
            return new DateField(typed, null, "dates are between 1900-01-01 and 9999-12-31");
        }
        return new DateField(typed, d, null);
    }

    public boolean invalid() {
        return error != null;
    }

    public Optional<LocalDate> date() {
        return Optional.ofNullable(day);
    }
}
