package mailclerk.respond.rules;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Every approved answer is about the court's filing systems: PACER, CM/ECF and NextGen, e-filing and its fees. A
 * message that names none of them ("I forgot my Netflix password", "where do I log in to see my 401k?") asks about
 * some other system, however much its words (password, log in, card, account) look like an FAQ question; answering
 * it with PACER's reset steps would be wrong; so is mail about the court's other systems (its jury portal, its
 * wifi). Such mail is rare at a court's help desk, and a clerk reads it quickly.
 */
public final class CourtSystemsRule implements FlagRule {
    /**
     * The systems and what filers call them, matched as whole words in the subject and the filer's own words (quoted
     * text does not count); the words of a bankruptcy case (chapter 7, petition, trustee) place the mail in the
     * court's filing work. Not "court" or "clerk" alone: the court has other systems too (next).
     */
    private static final Pattern SYSTEMS = Pattern.compile(
            "\\b(?:pacer|cm\\s*+/?\\s*+ecf|ecf|next\\s*+-?\\s*+gen|e-?fil(?:e|ed|es|ing|er|ers)|electronic(?:ally)?\\s+fil\\w*"
                    + "|fil(?:e|ed|es|ing|er|ers)|bankruptcy|adversary|docket\\w*|case\\s+(?:number|search)"
                    + "|query|pay\\.gov|uscourts|cso|chapter\\s+\\d+|petition\\w*|debtor\\w*|trustee\\w*"
                    // linking accounts is what NextGen asks of every filer, and what filers write about it in three words
                    + "|link\\w*\\s+(?:\\w+\\s+){0,2}accounts?|accounts?\\s+(?:\\w+\\s+){0,2}link\\w*|linked|linking)\\b",
            Pattern.CASE_INSENSITIVE);
    /**
     * The court's systems that the FAQ is not about: jury service, the building's network, payments other than filing
     * fees. "I forgot my password for the court's jury portal" names the court and is still not a PACER question.
     */
    private static final Pattern OTHER_SYSTEMS = Pattern.compile(
            "\\b(?:e-?juror|jury|jurors?|wi-?fi|wireless|guest network|parking|restitution|traffic|probation|visitor\\w*)\\b",
            Pattern.CASE_INSENSITIVE);

    @Override
    public String id() {
        return "court-systems";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        String words = text.subject() + "\n" + text.ownWords();
        if (words.length() > 20_000) words = words.substring(0, 20_000);
        if (OTHER_SYSTEMS.matcher(words).find()) {
            return Optional.of("names another of the court's systems (jury, network, ...): the FAQ answers PACER and CM/ECF "
                    + "only");
        }
        if (SYSTEMS.matcher(words).find()) return Optional.empty();
        return Optional.of("names none of the court's systems (PACER, CM/ECF, e-filing): it may be about another "
                + "organisation's website");
    }
}
