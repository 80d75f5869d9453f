package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class CharGramModelTest {
    static final List<Example> EXAMPLES = List.of(
            new Example("forgot", "I forgot my PACER password"),
            new Example("forgot", "forgot my pacer username, how do I recover it"),
            new Example("forgot", "I can't remember my PACER login"),
            new Example("fees", "how do I store my credit card in PACER for filing fees"),
            new Example("fees", "save payment information for filing fees"),
            new Example("fees", "keep my card on file to pay fees"));

    @Test
    void piecesOfWordsCarryTheTopicEvenInSpellingsNeverSeen() {
        CharGramModel m = CharGramModel.train(EXAMPLES);
        assertThat(m.predict("forgotten pasword for PACER").best().topic()).isEqualTo("forgot");
        assertThat(m.predict("storing a credit-card for the filing fee").best().topic()).isEqualTo("fees");
    }

    @Test
    void aSavedModelPredictsExactlyAsTheTrainedOne() throws Exception {
        CharGramModel m = CharGramModel.train(EXAMPLES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        m.write(out);
        CharGramModel read = CharGramModel.read(new ByteArrayInputStream(out.toByteArray()));
        String text = "I lost my PACER password";
        assertThat(read.predict(text).ranked()).isEqualTo(m.predict(text).ranked());
    }

    @Test
    void theArrayLayoutPredictsAsThePlainComputationOnTheWholeCorpus() {
        Corpus corpus = Corpus.load(java.nio.file.Path.of("models"));
        CharGramModel m = CharGramModel.train(corpus.examples());
        int compared = 0;
        for (Example e : corpus.examples()) {
            String text = Trainer.text(e);
            List<TopicScore> fast = m.predict(text).ranked();
            List<TopicScore> plain = m.predictByMaps(text).ranked();
            assertThat(fast.get(0).topic()).as(text).isEqualTo(plain.get(0).topic());
            for (TopicScore s : plain) {
                assertThat(m.predict(text).probability(s.topic())).as(text).isCloseTo(s.probability(),
                        org.assertj.core.data.Offset.offset(1e-4));
            }
            compared++;
        }
        assertThat(compared).isGreaterThan(2000);
        assertThat(m.predict("").ranked()).hasSize(m.predictByMaps("").ranked().size());
    }
}
