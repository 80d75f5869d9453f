package mailclerk.respond.rules;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which court this installation answers for, as the rules recognise it in mail: its code on uscourts.gov (the
 * {@code iasb} of {@code www.iasb.uscourts.gov}), its state, and its district within the state (empty where the state
 * is one district). From {@code court.code}, {@code court.state}, {@code court.district}: another court's installation
 * sets its own, and its own name then never reads as "another court".
 */
public record CourtIdentity(String code, String state, String district) {
    /** States and territories with their postal codes, lower case (the districts' abbreviations use either). */
    static final Map<String, String> STATES = states();

    /** The Southern District of Iowa's bankruptcy court: the defaults of {@code config/mailclerk.properties}. */
    public static final CourtIdentity IASB = new CourtIdentity("iasb", "iowa", "southern");

    public CourtIdentity {
        code = code == null ? "" : code.strip().toLowerCase(Locale.ROOT);
        state = state == null ? "" : state.strip().toLowerCase(Locale.ROOT);
        district = district == null ? "" : district.strip().toLowerCase(Locale.ROOT);
        if (!state.isEmpty() && !STATES.containsKey(state)) {
            throw new IllegalArgumentException("court.state: '" + state + "' is not a state's name (e.g. Iowa, Nevada, Puerto Rico)");
        }
        if (!district.isEmpty() && !district.matches("northern|southern|eastern|western|central|middle")) {
            throw new IllegalArgumentException("court.district: northern, southern, eastern, western, central, middle, "
                    + "or empty for a state that is one district");
        }
    }

    /** The court's code from its website when {@code court.code} is not set: {@code www.iasb.uscourts.gov} → iasb. */
    public static String codeOf(String website) {
        String host = website == null ? "" : website.strip().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "")
                .replaceFirst("/.*$", "");
        if (!host.endsWith(".uscourts.gov")) return "";
        String[] labels = host.substring(0, host.length() - ".uscourts.gov".length()).split("\\.");
        return labels[labels.length - 1];
    }

    String postalCode() {
        return STATES.getOrDefault(state, "");
    }

    private static Map<String, String> states() {
        String[] pairs = {"alabama", "al", "alaska", "ak", "arizona", "az", "arkansas", "ar", "california", "ca", "colorado", "co",
            "connecticut", "ct", "delaware", "de", "district of columbia", "dc", "florida", "fl", "georgia", "ga", "hawaii", "hi",
            "idaho", "id", "illinois", "il", "indiana", "in", "iowa", "ia", "kansas", "ks", "kentucky", "ky", "louisiana", "la",
            "maine", "me", "maryland", "md", "massachusetts", "ma", "michigan", "mi", "minnesota", "mn", "mississippi", "ms",
            "missouri", "mo", "montana", "mt", "nebraska", "ne", "nevada", "nv", "new hampshire", "nh", "new jersey", "nj",
            "new mexico", "nm", "new york", "ny", "north carolina", "nc", "north dakota", "nd", "ohio", "oh", "oklahoma", "ok",
            "oregon", "or", "pennsylvania", "pa", "rhode island", "ri", "south carolina", "sc", "south dakota", "sd",
            "tennessee", "tn", "texas", "tx", "utah", "ut", "vermont", "vt", "virginia", "va", "washington", "wa",
            "west virginia", "wv", "wisconsin", "wi", "wyoming", "wy", "puerto rico", "pr", "guam", "gu", "virgin islands", "vi"};
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Map.copyOf(m);
    }
}
