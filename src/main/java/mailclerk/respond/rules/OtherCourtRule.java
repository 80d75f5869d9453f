package mailclerk.respond.rules;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A question about another court goes to a clerk: the FAQ's answers describe this court (its website, its go-live
 * date, its clerk's office), and another court's NextGen status or menus are not ours to state. Recognised by a named
 * district or state that is not this court's ({@link CourtIdentity}, from settings: another court's installation
 * names itself), a court of another kind (court of appeals, district court, state court ...), or another court's own
 * website on uscourts.gov; the national sites (pacer.uscourts.gov, www.uscourts.gov) are everyone's and name no court.
 * The one answer written for other courts is exempt: remember-cmecf-login says to keep the old CM/ECF login "for any
 * courts that have not gone live on NextGen".
 */
public final class OtherCourtRule implements FlagRule {
    private static final String STATE = String.join("|", CourtIdentity.STATES.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    private static final String POSTAL = String.join("|", CourtIdentity.STATES.values());

    private static final Pattern DIRECTION_DISTRICT = Pattern.compile(
            "\\b(north|south|east|west|centr|midd)(?:ern|al|le) district\\b(?:\\s(?:of\\s)?(?:the\\s)?(" + STATE + ")\\b"
                    // "Southern District of NY": a postal code only after "of" ("district in Iowa" is not Indiana)
                    + "|\\sof\\s(" + POSTAL + ")\\b)?");
    /** The Bluebook's abbreviations of states as court citations write them ("S.D. Tex.", "D. Mass."). */
    private static final Map<String, String> BLUEBOOK = bluebook();
    private static final String BLUEBOOK_ALT = String.join("|", BLUEBOOK.keySet().stream()
            .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    /**
     * Citations with dots: a district letter or none ("D." alone: a state that is one district), then the state as
     * dotted postal letters ("S.D.N.Y.", "D.N.J.") or a Bluebook abbreviation ("S.D. Tex.", "D. Mass.").
     */
    private static final Pattern CITED = Pattern.compile(
            "(?<![a-z.])(?:([nsewcm])\\.\\s?)?d\\.\\s?(?:([a-z])\\.\\s?([a-z])\\.|(" + BLUEBOOK_ALT + ")\\.)");
    private static final Pattern ABBREVIATED = Pattern.compile(
            "\\b([nsewcm])\\.?\\s?d\\.?\\s?(?:of\\s)?(" + STATE + "|" + POSTAL + ")\\b");
    private static final Pattern OF_STATE = Pattern.compile(
            "\\bdistrict of (?:the\\s)?(" + STATE + ")\\b"
                    + "|\\b(?:court|courts|district|bankruptcy)\\s(?:in|of|for)\\s(?:the state of\\s)?(" + STATE + ")\\b"
                    + "|\\b(" + STATE + ")\\s(?:bankruptcy|district|federal)\\s(?:court|courts)\\b");
    private static final Pattern OTHER_KIND = Pattern.compile(
            "\\b(?:district court|court of appeals|circuit court|state court|county court|tax court|appellate court"
                    + "|appeals court|supreme court|bankruptcy appellate panel|court of federal claims|another court|other court"
                    + "|other courts|a different court|another district|other districts?|(?:[0-9]{1,2}(?:st|nd|rd|th)|eighth) circuit)\\b");
    private static final Pattern COURT_SITE = Pattern.compile("\\b(?:www\\.|ecf\\.)?([a-z0-9]{2,8})\\.uscourts\\.gov\\b");
    /** uscourts.gov hosts that belong to the whole judiciary, not to one court. */
    private static final Set<String> NATIONAL = Set.of("www", "pacer", "pcl", "news", "jnet", "ecf", "cmecf", "login", "train");

    private static final Set<String> ANSWERS_FOR_OTHER_COURTS = Set.of("remember-cmecf-login");

    private final CourtIdentity court;

    public OtherCourtRule() {
        this(CourtIdentity.IASB);
    }

    public OtherCourtRule(CourtIdentity court) {
        this.court = court;
    }

    @Override
    public String id() {
        return "other-court";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        if (ANSWERS_FOR_OTHER_COURTS.contains(topic)) return Optional.empty();
        String s = (text.subject() + "\n" + text.ownWords()).toLowerCase(Locale.ROOT);
        return namesAnotherCourt(s) ? Optional.of("names another court: the FAQ answers for this court only") : Optional.empty();
    }

    private static String stateOfPostal(String postal) {
        for (Map.Entry<String, String> e : CourtIdentity.STATES.entrySet()) if (e.getValue().equals(postal)) return e.getKey();
        return null;
    }

    private static Map<String, String> bluebook() {
        String[] pairs = {"ala", "alabama", "ariz", "arizona", "ark", "arkansas", "cal", "california", "colo", "colorado",
            "conn", "connecticut", "del", "delaware", "fla", "florida", "ga", "georgia", "haw", "hawaii", "idaho", "idaho",
            "ill", "illinois", "ind", "indiana", "iowa", "iowa", "kan", "kansas", "ky", "kentucky", "la", "louisiana",
            "me", "maine", "md", "maryland", "mass", "massachusetts", "mich", "michigan", "minn", "minnesota",
            "miss", "mississippi", "mo", "missouri", "mont", "montana", "neb", "nebraska", "nev", "nevada",
            "okla", "oklahoma", "or", "oregon", "pa", "pennsylvania", "tenn", "tennessee", "tex", "texas", "utah", "utah",
            "vt", "vermont", "va", "virginia", "wash", "washington", "wis", "wisconsin", "wyo", "wyoming", "ohio", "ohio",
            "alaska", "alaska"};
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put(pairs[i], pairs[i + 1]);
        return Map.copyOf(m);
    }

    private boolean namesAnotherCourt(String s) {
        Matcher m = DIRECTION_DISTRICT.matcher(s);
        while (m.find()) {
            boolean ourDistrict = !court.district().isEmpty() && court.district().startsWith(m.group(1));
            boolean ourState = m.group(2) != null ? m.group(2).equals(court.state())
                    : m.group(3) == null || m.group(3).equals(court.postalCode());
            if (!(ourDistrict && ourState)) return true;
        }
        m = CITED.matcher(s);
        while (m.find()) {
            String state = m.group(4) != null ? BLUEBOOK.get(m.group(4))
                    : stateOfPostal(m.group(2) + m.group(3));
            if (state == null) continue; // "D. N.B." or initials: not a court
            boolean ourState = state.equals(court.state());
            boolean ourDistrict = m.group(1) == null ? court.district().isEmpty()
                    : !court.district().isEmpty() && court.district().charAt(0) == m.group(1).charAt(0);
            if (!(ourState && ourDistrict)) return true;
        }
        m = ABBREVIATED.matcher(s);
        while (m.find()) {
            String st = m.group(2);
            boolean ourState = st.equals(court.state()) || st.equals(court.postalCode());
            boolean ourDistrict = !court.district().isEmpty() && court.district().charAt(0) == m.group(1).charAt(0);
            if (!(ourState && ourDistrict)) return true;
        }
        m = OF_STATE.matcher(s);
        while (m.find()) {
            String st = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
            if (!st.equals(court.state())) return true;
        }
        if (OTHER_KIND.matcher(s).find()) return true;
        m = COURT_SITE.matcher(s);
        while (m.find()) {
            if (!m.group(1).equals(court.code()) && !NATIONAL.contains(m.group(1))) return true;
        }
        return false;
    }
}
