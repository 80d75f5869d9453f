package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A long, repetitive text still gets probabilities, never NaN: a confidence a threshold can be compared with. */
class LongTextTest {
    @Test
    void aLongRepetitiveTextHasFiniteProbabilities() {
        TopicModel model = new ActiveModel(new ModelStore(Path.of("models"))).current();
        String[] tokens = new String[400_000];
        for (int i = 0; i < tokens.length; i++) tokens[i] = i % 2 == 0 ? "pacer" : "password";
        Prediction p = model.predict(tokens);
        assertThat(p.top(100)).isNotEmpty().allSatisfy(s -> assertThat(Double.isFinite(s.probability())).as(s.topic()).isTrue());
        assertThat(TopicModel.fewRepeats(new String[] {"a", "a", "a", "a", "b"})).containsExactly("a", "a", "a", "b");
        assertThat(Arrays.stream(p.top(100).toArray(new TopicScore[0])).mapToDouble(TopicScore::probability).sum())
                .isBetween(0.99, 1.01);
    }
}
