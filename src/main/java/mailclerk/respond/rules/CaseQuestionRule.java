package mailclerk.respond.rules;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import mailclerk.classify.Tokens;

/**
 * An FAQ question together with a question about a case ("I forgot my PACER password. Has the judge signed my
 * discharge in case 25-00731?") gets a clerk: the FAQ answer would leave the case question unanswered, and the
 * help desk never answers case questions by template. Only requests count: a case number in the background
 * ("while filing in case 25-00731 it asked me to log in again") does not make a case question, and neither does
 * "my case" alone ("how do I register so I can see my case?" is a PACER question).
 */
public final class CaseQuestionRule implements FlagRule {
    /** A case number, as the tokenizer marks it (25-00731, 4:25-bk-00731). */
    private static final Pattern CASE_NUMBER = Pattern.compile("\\bcasenumber\\b");
    /** What only a case has: its judge, hearings, discharge, docket, trustee, and what a judge does to a filing. */
    private static final Pattern CASE_WORDS = Pattern.compile(
            "\\bjudge\\b|\\bhearings?\\b|\\bdischarg(?:e|ed|es)\\b|\\bdismiss(?:ed|al)\\b|\\bdocket\\b"
                    + "|\\btrustee\\b|\\b341\\b|\\bmeeting of creditors\\b|\\bconfirm(?:ed|ation)? (?:of )?(?:my |the |our )?plan\\b"
                    + "|\\bproof of claim\\b|\\bautomatic stay\\b"
                    + "|\\b(?:motion|petition|objection|order|schedules?|claim|plan)\\b[^.?!\\n]{0,30}?\\b(?:entered|signed|granted|denied|approved|ruled)\\b");

    @Override
    public String id() {
        return "case-question";
    }

    @Override
    public Optional<String> check(MessageText text, String topic) {
        for (String r : text.requests()) {
            if (CASE_NUMBER.matcher(Tokens.normalize(r)).find() || CASE_WORDS.matcher(r.toLowerCase(Locale.ROOT)).find()) return Optional.of("asks about a case as well: a clerk answers case questions");
        }
        return Optional.empty();
    }
}
