package mailclerk.respond.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A question about another court goes to a clerk: the FAQ's answers describe this court (its website, its
 * go-live date, its clerk's office), and another court's NextGen status or menus are not ours to state.
 * Recognised by a named district other than ours, or a court "in/of/for" a state other than Iowa, anywhere in the
 * message. The one answer written for other courts is exempt: remember-cmecf-login says to keep the old CM/ECF
 * login "for any courts that have not gone live on NextGen".
 */
public final class OtherCourtRule implements FlagRule {
    private static final String STATES = "alabama|alaska|arizona|arkansas|california|colorado|connecticut|delaware"
            + "|florida|georgia|hawaii|idaho|illinois|indiana|kansas|kentucky|louisiana|maine|maryland|massachusetts"
            + "|michigan|minnesota|mississippi|missouri|montana|nebraska|nevada|new hampshire|new jersey|new mexico"
            + "|new york|north carolina|north dakota|ohio|oklahoma|oregon|pennsylvania|rhode island|south carolina"
            + "|south dakota|tennessee|texas|utah|vermont|virginia|washington|west virginia|wisconsin|wyoming|puerto rico";
    private static final Pattern OTHER_COURT = Pattern.compile(
            "\\b(?:northern|eastern|western|central|middle) district\\b"
                    + "|\\b(?:n|e|w|c|m)\\.?d\\.? ?(?:of )?(?:iowa|ia)\\b"
                    + "|\\bdistrict of (?:" + STATES + ")\\b"
                    + "|\\b(?:court|courts|district|bankruptcy)\\s(?:in|of|for)\\s(?:the state of\\s)?(?:" + STATES + ")\\b"
                    + "|\\b(?:" + STATES + ")\\s(?:bankruptcy|district|federal|state)\\s(?:court|courts)\\b"
                    + "|\\b(?:district court|court of appeals|circuit court|state court|county court|tax court|appellate court"
                    + "|appeals court|supreme court|bankruptcy appellate panel|court of federal claims|another court|other court"
                    + "|other courts|a different court|another district|other districts?|(?:[0-9]{1,2}(?:st|nd|rd|th)|eighth) circuit)\\b"
                    // another court's own website: ours is iasb.uscourts.gov
                    + "|\\b(?:ecf\\.)?(?!iasb\\.)[a-z]{3,8}\\.uscourts\\.gov\\b");

    private static final java.util.Set<String> ANSWERS_FOR_OTHER_COURTS = java.util.Set.of("remember-cmecf-login");

    @Override
    public String id() {
        return "other-court";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        if (ANSWERS_FOR_OTHER_COURTS.contains(topic)) return Optional.empty();
        String s = (text.subject() + "\n" + text.ownWords()).toLowerCase(Locale.ROOT);
        if (OTHER_COURT.matcher(s).find()) return Optional.of("names another court: the FAQ answers for this court only");
        return Optional.empty();
    }
}
