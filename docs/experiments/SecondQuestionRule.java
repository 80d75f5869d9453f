import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import mailclerk.classify.Corpus;
import mailclerk.classify.Example;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.SentenceTopics;
import mailclerk.classify.TopicChoice;
import mailclerk.classify.TopicModel;
import mailclerk.classify.Topics;
import mailclerk.classify.Trainer;
import mailclerk.classify.TrainingOptions;

/**
 * How well the "more than one question" rule works, on messages no model has seen: 5-fold cross-validation over
 * models/corpus; in each fold, every held-out FAQ example is joined (a) with another held-out example of a
 * different topic (a two-question message: it must not get a reply) and (b) with a generic follow-up sentence
 * (one question: it should get one). Run from the repository root after `mvn package`:
 *
 *   java -cp target/mailclerk.jar docs/experiments/SecondQuestionRule.java [threshold]
 *
 * threshold is the model's reply threshold (default 0.70, the active model's).
 */
public class SecondQuestionRule {
    static final String[] FOLLOW_UPS = {"What should I do next?", "Can you tell me what to do now?",
        "Is there anything I need to do on my end?", "Could you point me in the right direction?",
        "Please advise how to proceed.", "Who should I contact about this?", "How do I fix this?",
        "Any help would be appreciated."};
    static final double[] BARS = {0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

    public static void main(String[] args) {
        double threshold = args.length > 0 ? Double.parseDouble(args[0]) : 0.70;
        List<Example> examples = new ArrayList<>(Corpus.load(Path.of("models")).examples());
        Collections.shuffle(examples, new Random(7));
        Random random = new Random(11);
        int folds = 5, n = 0;
        int[] pairsReplied = new int[BARS.length], singlesFlagged = new int[BARS.length];
        int singlesConfident = 0;
        for (int k = 0; k < folds; k++) {
            List<Example> train = new ArrayList<>(), test = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) (i % folds == k ? test : train).add(examples.get(i));
            TopicModel model = new TopicModel(new Trainer(TrainingOptions.defaults()).fit(train), null);
            List<Example> questions = test.stream().filter(e -> !Topics.OTHER.equals(e.topic())).toList();
            for (Example e : questions) {
                Example other;
                do {
                    other = questions.get(random.nextInt(questions.size()));
                } while (Topics.family(other.topic()).equals(Topics.family(e.topic())));
                String pair = e.text() + "\n" + other.text();
                String single = e.text() + " " + FOLLOW_UPS[random.nextInt(FOLLOW_UPS.length)];
                TopicChoice pairChoice = TopicChoice.of(model.predict(Preprocessor.tokens("", pair)));
                TopicChoice singleChoice = TopicChoice.of(model.predict(Preprocessor.tokens("", single)));
                boolean singleConfident = !Topics.OTHER.equals(singleChoice.topic()) && singleChoice.confidence() >= threshold;
                n++;
                if (singleConfident) singlesConfident++;
                for (int b = 0; b < BARS.length; b++) {
                    boolean pairConfident = !Topics.OTHER.equals(pairChoice.topic()) && pairChoice.confidence() >= threshold;
                    if (pairConfident && questionsIn(pair, pairChoice, model, BARS[b]) == 1) pairsReplied[b]++;
                    if (singleConfident && questionsIn(single, singleChoice, model, BARS[b]) > 1) singlesFlagged[b]++;
                }
            }
        }
        System.out.printf("%d two-question and %d one-question messages; %d of the latter confident enough to answer%n",
                n, n, singlesConfident);
        System.out.println("second-question-confidence | two-question messages answered | answerable single questions sent to a clerk");
        for (int b = 0; b < BARS.length; b++) {
            System.out.printf("%.1f | %.3f | %.3f%n", BARS[b], pairsReplied[b] / (double) n,
                    singlesFlagged[b] / (double) singlesConfident);
        }
    }

    static int questionsIn(String text, TopicChoice whole, TopicModel model, double bar) {
        Set<String> families = SentenceTopics.families(Preprocessor.ownWords("", text), model, bar, true);
        families.add(Topics.family(whole.topic()));
        return families.size();
    }
}
