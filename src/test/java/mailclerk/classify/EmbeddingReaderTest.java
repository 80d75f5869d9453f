package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The embedding reader on a small corpus: it reads paraphrases, survives a round trip, and is unsure of nothing. */
class EmbeddingReaderTest {
    static final List<Example> CORPUS = List.of(
            new Example("forgot-pacer-credentials", "I forgot my PACER password."),
            new Example("forgot-pacer-credentials", "How do I reset my PACER login?"),
            new Example("forgot-pacer-credentials", "I cannot remember my PACER username."),
            new Example("card-not-authorized", "My credit card was not authorized by PACER."),
            new Example("card-not-authorized", "PACER declined my card, what do I do?"),
            new Example("card-not-authorized", "The card I entered in PACER was refused."),
            new Example("other", "When is my hearing?"),
            new Example("other", "Should I file chapter 7 or chapter 13?"),
            new Example("other", "Can you send me a copy of my discharge?"));

    @Test
    void aParaphraseWithFewSharedWordsIsReadAsItsQuestion() {
        SentenceEmbedder embedder = SentenceEmbedder.shared();
        Map<Example, float[]> embeddings = EmbeddingReader.embed(CORPUS, embedder);
        EmbeddingReader reader = EmbeddingReader.train(EmbeddingReader.samples(CORPUS, embeddings), 42);
        // none of "misplaced", "sign-in", "details", "recover" is in the corpus
        assertThat(reader.predict(embedder.embed("I misplaced my sign-in details for the federal records site, how can "
                + "I recover them?")).top(1).get(0).topic()).isEqualTo("forgot-pacer-credentials");
        assertThat(reader.predict(embedder.embed("The bank turned down the payment method I put on file.")).top(1).get(0)
                .topic()).isEqualTo("card-not-authorized");
        assertThat(reader.predict(embedder.embed("What day is my court date?")).top(1).get(0).topic()).isEqualTo("other");
    }

    @Test
    void writtenAndReadBackItPredictsTheSame() throws Exception {
        SentenceEmbedder embedder = SentenceEmbedder.shared();
        EmbeddingReader reader = EmbeddingReader.train(EmbeddingReader.samples(CORPUS,
                EmbeddingReader.embed(CORPUS, embedder)), 7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.write(out);
        EmbeddingReader back = EmbeddingReader.read(new ByteArrayInputStream(out.toByteArray()));
        float[] e = embedder.embed("PACER will not take my card");
        assertThat(back.predict(e).top(3)).isEqualTo(reader.predict(e).top(3));
    }

    @Test
    void nothingToReadGivesEveryTopicAlikeAndACorruptFileIsRefused() {
        EmbeddingReader reader = EmbeddingReader.train(List.of(
                new EmbeddingReader.Sample("a", unit(0)), new EmbeddingReader.Sample("b", unit(1))), 1);
        Prediction p = reader.predict(SentenceEmbedder.shared().embed("   "));
        assertThat(p.top(2)).extracting(TopicScore::probability).containsExactly(0.5, 0.5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddingReader.read(
                new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 0, 0, 0, 1}))).isInstanceOf(java.io.IOException.class);
    }

    static float[] unit(int d) {
        float[] v = new float[SentenceEmbedder.DIMENSIONS];
        v[d] = 1;
        return v;
    }
}
