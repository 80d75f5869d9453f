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
 * (the folds `train` uses), both models trained per fold, the active model's thresholds. Six kinds of held-out
 * message: an example as written; an example after a background sentence of another FAQ topic (one question with
 * context); two examples of different topics joined (two questions: no reply is right); and, starting from an FAQ
 * question, one sentence that joins to it (", and ...") a held-out FAQ question of another topic, a held-out
 * `other` example, or a generic follow-up that asks nothing new (the last should still be answered). The joined
 * examples are the one-sentence ones that open with an auxiliary and its subject, the shape Requests.clauses splits
 * at; the `other` ones include the corpus's generic sentences ("Is there someone I can call?"), so that kind is
 * partly one question. Run from the repository root after `mvn package` (optionally naming the rules to switch
 * off, e.g. `none compound-question`):
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
        "requests-only", "compound-question", "second-model"};
    /**
     * Follow-ups that add no question of their own, joined to a question as a second clause ("..., and is there
     * anything else I need to do?"): the message is still one question, and the answer should go out. Written for
     * this experiment, not taken from any mail.
     */
    static final String[] GENERIC_CLAUSES = {
        "is there anything else I need to do?", "do I need to do anything else after that?", "can you let me know?",
        "would you let me know if I have this wrong?", "is there a guide for that?", "could you point me to the right page?",
        "will that work?", "do you have instructions for that?", "is that the right way to do it?",
        "can you tell me where to start?"};
    /** A second question joined as a clause: one sentence that opens with an auxiliary and its subject (Requests). */
    static final java.util.regex.Pattern CLAUSE_SHAPED = java.util.regex.Pattern.compile(
            "^(?:(?:would|does|did|can|could|should|is|are|am|was|were|will|may|must)\\s++(?:we|i|you|they|he|she|it|there"
                    + "|the|a|an|our|my|your|his|her|their|each|every|all|any|this|that|these|those|someone|anyone|everyone)"
                    + "|do\\s++(?:we|i|you|they))\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

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
        Random clauses = new Random(13); // its own draws, so the first three kinds draw as before
        String[] rules = args.length > 0 ? args : RULES;
        String[] kinds = {"as written", "background + question", "two questions", "two questions, one sentence",
            "question + outside-FAQ question, one sentence", "question + generic follow-up, one sentence"};
        int[][] replies = new int[kinds.length][rules.length], wrong = new int[kinds.length][rules.length],
                right = new int[kinds.length][rules.length], answerableN = new int[kinds.length][1];
        // sorted: Map.of iterates in an order that changes with every JVM, and so did these figures
        List<String> backgroundFamilies = new ArrayList<>(new java.util.TreeSet<>(BACKGROUND.keySet()));
        for (int k = 0; k < folds.size(); k++) {
            List<Example> train = Folds.without(folds, k);
            TopicModel model = new TopicModel(new Trainer(TrainingOptions.defaults()).fit(train), CharGramModel.train(train), meta);
            List<Example> test = folds.get(k);
            List<Example> questions = test.stream().filter(e -> answerable.contains(e.topic())).toList();
            List<Example> faqClauses = questions.stream().filter(RuleEffects::clauseShaped).toList();
            List<Example> otherClauses = test.stream().filter(e -> Topics.OTHER.equals(e.topic()) && clauseShaped(e)).toList();
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
                Example faqClause;
                do {
                    faqClause = faqClauses.get(clauses.nextInt(faqClauses.size()));
                } while (Topics.family(faqClause.topic()).equals(family));
                Example otherClause = otherClauses.get(clauses.nextInt(otherClauses.size()));
                String generic = GENERIC_CLAUSES[clauses.nextInt(GENERIC_CLAUSES.length)];
                String[] texts = {e.text(), BACKGROUND.get(bgFamily) + " " + e.text(), e.text() + "\n" + second.text(),
                    joined(e.text(), faqClause.text()), joined(e.text(), otherClause.text()), joined(e.text(), generic)};
                boolean isQuestion = answerable.contains(e.topic());
                boolean[] shouldAnswer = {isQuestion, isQuestion, false, false, false, isQuestion};
                for (int kind = 0; kind < kinds.length; kind++) {
                    if (kind >= 3 && !isQuestion) continue; // one-sentence kinds start from an FAQ question
                    if (shouldAnswer[kind]) answerableN[kind][0]++;
                    for (int r = 0; r < rules.length; r++) {
                        String replied = decide(texts[kind], model, meta, answerable, flagRules, rules[r]);
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
            for (int r = 0; r < rules.length; r++) {
                System.out.printf("%s | %s | %d | %d | %s%n", kinds[kind], rules[r], replies[kind][r], wrong[kind][r],
                        answerableN[kind][0] == 0 ? "-" : String.format("%.3f", right[kind][r] / (double) answerableN[kind][0]));
            }
        }
    }

    static boolean clauseShaped(Example e) {
        String t = e.text().strip();
        return mailclerk.classify.Requests.sentences(t).size() == 1 && CLAUSE_SHAPED.matcher(t).find();
    }

    /** "How do I X? " + "Do we need Y?" as one sentence: "How do I X, and do we need Y?" */
    static String joined(String first, String clause) {
        String a = first.strip().replaceAll("[.?!]+$", "");
        String b = clause.strip();
        return a + ", and " + Character.toLowerCase(b.charAt(0)) + b.substring(1);
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
        SentenceTopics.Questions asked = SentenceTopics.questions(own, model, 0.5, !"requests-only".equals(off),
                !"compound-question".equals(off));
        Set<String> questions = new LinkedHashSet<>(asked.families());
        questions.add(Topics.family(c.topic()));
        return questions.size() > 1 ? null : c.topic();
    }
}
