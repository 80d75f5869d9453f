import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import mailclerk.classify.CharGramModel;
import mailclerk.classify.Corpus;
import mailclerk.classify.Example;
import mailclerk.classify.Folds;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.ModelStore;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.SentenceTopics;
import mailclerk.classify.TopicChoice;
import mailclerk.classify.TopicModel;
import mailclerk.classify.Topics;
import mailclerk.classify.Trainer;
import mailclerk.classify.TrainingOptions;
import mailclerk.config.Settings;
import mailclerk.respond.CourtInfo;
import mailclerk.respond.HelpDesk;
import mailclerk.respond.ReplyTemplates;
import mailclerk.respond.rules.AccountActionRule;
import mailclerk.respond.rules.CaseQuestionRule;
import mailclerk.respond.rules.FlagRule;
import mailclerk.respond.rules.FollowUpRule;
import mailclerk.respond.rules.LanguageRule;
import mailclerk.respond.rules.MessageText;
import mailclerk.respond.rules.OtherCourtRule;

/**
 * What each decision rule costs and saves on messages no model has seen: 5-fold cross-validation over models/corpus
 * (the folds `train` uses), both models trained per fold, the active model's thresholds. Three kinds of held-out
 * message: an example as written; an example after a background sentence of another FAQ topic (one question with
 * context); two examples of different topics joined (two questions: no reply is right). Run from the repository
 * root after `mvn package`:
 *
 *   java -cp target/mailclerk.jar docs/experiments/RuleEffects.java
 */
public class RuleEffects {
    /** Background sentences: they state what happened, they ask nothing. One per FAQ family, from the FAQ. */
    static final Map<String, String> BACKGROUND = Map.of(
            "cmecf-login-upgraded", "I upgraded my PACER account last week.",
            "remember-cmecf-login", "We linked our CM/ECF and PACER accounts in April.",
            "register-new-pacer-account", "I registered for a new PACER account last month.",
            "firm-shared-pacer-account", "Our firm has one shared PACER account that the staff use for viewing documents.",
            "store-payment-for-fees", "I have my credit card stored in PACER for filing fees.",
            "forgot-pacer-credentials", "I reset my PACER password through the PACER website last year.");
    static final String[] RULES = {"none", "follow-up", "non-english", "other-court", "account-action", "case-question",
        "requests-only", "second-model"};

    public static void main(String[] args) throws Exception {
        ModelStore store = new ModelStore(Path.of("models"));
        ModelMetadata meta = store.loadActive().metadata();
        Settings s = new Settings(new Properties(), Map.of(), Path.of("").toAbsolutePath());
        HelpDesk desk = HelpDesk.from(s);
        ReplyTemplates templates = ReplyTemplates.load(Path.of("templates"), CourtInfo.from(s), desk);
        List<String> ours = new ArrayList<>(desk.ownAddresses());
        ours.add(desk.displayName());
        ours.add("@" + desk.domain());
        List<FlagRule> flagRules = List.of(new FollowUpRule(ours, templates.texts()), new LanguageRule(),
                new OtherCourtRule(), new AccountActionRule(), new CaseQuestionRule());
        Set<String> answerable = templates.topics();

        List<Example> examples = Corpus.load(Path.of("models")).examples();
        List<List<Example>> folds = Folds.split(examples, 5, 42);
        Random random = new Random(11);
        String[] kinds = {"as written", "background + question", "two questions"};
        int[][] replies = new int[kinds.length][RULES.length], wrong = new int[kinds.length][RULES.length],
                right = new int[kinds.length][RULES.length], answerableN = new int[kinds.length][1];
        List<String> backgroundFamilies = new ArrayList<>(BACKGROUND.keySet());
        for (int k = 0; k < folds.size(); k++) {
            List<Example> train = Folds.without(folds, k);
            TopicModel model = new TopicModel(new Trainer(TrainingOptions.defaults()).fit(train), CharGramModel.train(train), meta);
            List<Example> test = folds.get(k);
            List<Example> questions = test.stream().filter(e -> answerable.contains(e.topic())).toList();
            for (Example e : test) {
                String family = Topics.family(e.topic());
                String bgFamily;
                do {
                    bgFamily = backgroundFamilies.get(random.nextInt(backgroundFamilies.size()));
                } while (bgFamily.equals(family));
                Example second;
                do {
                    second = questions.get(random.nextInt(questions.size()));
                } while (Topics.family(second.topic()).equals(family));
                String[] texts = {e.text(), BACKGROUND.get(bgFamily) + " " + e.text(), e.text() + "\n" + second.text()};
                boolean[] shouldAnswer = {answerable.contains(e.topic()), answerable.contains(e.topic()), false};
                for (int kind = 0; kind < kinds.length; kind++) {
                    if (shouldAnswer[kind]) answerableN[kind][0]++;
                    for (int r = 0; r < RULES.length; r++) {
                        String replied = decide(texts[kind], model, meta, answerable, flagRules, RULES[r]);
                        if (replied == null) continue;
                        replies[kind][r]++;
                        if (shouldAnswer[kind] && Topics.family(replied).equals(family)) right[kind][r]++;
                        else wrong[kind][r]++;
                    }
                }
            }
        }
        System.out.println("message kind | rule switched off | held-out replies | wrong | coverage");
        for (int kind = 0; kind < kinds.length; kind++) {
            for (int r = 0; r < RULES.length; r++) {
                System.out.printf("%s | %s | %d | %d | %s%n", kinds[kind], RULES[r], replies[kind][r], wrong[kind][r],
                        answerableN[kind][0] == 0 ? "-" : String.format("%.3f", right[kind][r] / (double) answerableN[kind][0]));
            }
        }
    }

    /** The decision's text rules and models for one message; the reply topic, or null for a clerk. */
    static String decide(String text, TopicModel model, ModelMetadata meta, Set<String> answerable,
                         List<FlagRule> flagRules, String off) {
        String own = Preprocessor.ownWords("", text);
        String whole = Preprocessor.messageText("", own);
        TopicChoice c = TopicChoice.of(model.predict(mailclerk.classify.Tokens.of(whole)));
        if (!answerable.contains(c.topic()) && !Topics.NEXTGEN_PAIR.contains(c.topic())) return null;
        if (!c.confident(meta.threshold(), meta.margin())) return null;
        MessageText read = MessageText.of("", text, own);
        for (FlagRule rule : flagRules) {
            if (!rule.id().equals(off) && rule.check(read, c.topic()).isPresent()) return null;
        }
        if (!"second-model".equals(off)) {
            TopicChoice b = TopicChoice.of(model.secondOpinion(whole).orElseThrow());
            if (!Topics.family(b.topic()).equals(Topics.family(c.topic()))) return null;
            if (!b.confident(meta.second().threshold(), meta.second().margin())) return null;
        }
        Set<String> questions = new LinkedHashSet<>(SentenceTopics.families(own, model, 0.5, !"requests-only".equals(off)));
        questions.add(Topics.family(c.topic()));
        return questions.size() > 1 ? null : c.topic();
    }
}
