package mailclerk.respond.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mailclerk.classify.Corpus;
import mailclerk.classify.Example;
import mailclerk.classify.Topics;
import mailclerk.config.Settings;
import mailclerk.respond.HelpDesk;
import mailclerk.respond.ReplyTemplates;
import org.junit.jupiter.api.Test;

/**
 * Each flag rule on the corpus's answerable examples: they are FAQ questions in filers' words, so a rule should flag
 * almost none of them. The counts are printed (and kept in docs/classifier.md); a rule that flags more than 2 % of
 * them reads words rather than requests.
 */
class RuleFalseFlagsTest {
    @Test
    void rulesFlagAlmostNoneOfTheFaqQuestions() {
        Settings s = new Settings(new java.util.Properties(), Map.of(), Path.of("").toAbsolutePath());
        HelpDesk desk = HelpDesk.from(s);
        ReplyTemplates templates = ReplyTemplates.load(Path.of("templates"), mailclerk.respond.CourtInfo.from(s), desk);
        List<String> ours = new java.util.ArrayList<>(desk.ownAddresses());
        ours.add(desk.displayName());
        List<FlagRule> rules = List.of(new FollowUpRule(ours, templates.texts()), new LanguageRule(), new OtherCourtRule(),
                new AccountActionRule(), new CaseQuestionRule(), new CallRequestRule(), new CourtSystemsRule());
        List<Example> answerable = Corpus.load(Path.of("models")).examples().stream()
                .filter(e -> !Topics.OTHER.equals(e.topic())).toList();
        Map<String, Integer> flagged = new LinkedHashMap<>();
        for (FlagRule r : rules) {
            int n = 0;
            for (Example e : answerable) {
                if (r.check(MessageText.of("", e.text(), e.text()), e.topic()).isPresent()) n++;
            }
            flagged.put(r.id(), n);
        }
        System.out.printf("flags on %d answerable corpus examples: %s%n", answerable.size(), flagged);
        flagged.forEach((rule, n) -> assertThat(n).as(rule).isLessThanOrEqualTo(answerable.size() / 50));
    }
}
