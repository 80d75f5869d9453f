package mailclerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import mailclerk.config.Settings;
import mailclerk.respond.Evaluation;
import org.junit.jupiter.api.Test;

/**
 * The shipped model on the labelled dev emails, which the corpus was not written from. A regression here fails
 * CI: no wrong reply ever; coverage must not fall below what the shipped model reaches (see docs/classifier.md).
 */
class EvaluationTargetsTest {
    static final double COVERAGE_FLOOR = 0.85;

    @Test
    void noWrongRepliesAndCoverageAtLeastTheFloor() throws Exception {
        Settings s = new Settings(new Properties(), Map.of(), Path.of("").toAbsolutePath());
        Evaluation e = EvaluateCommand.evaluate(s, Wiring.activeModel(s).current(),
                Path.of("src/test/resources/dev-emails/labels.tsv"));
        assertThat(e.total()).isEqualTo(70);
        assertThat(e.wrongReplies()).isEmpty();
        assertThat(e.confusion().get("flag").get("reply")).isZero();
        assertThat(e.confusion().get("ignore").get("reply")).isZero();
        assertThat(e.confusion().get("ignore").get("ignore")).isEqualTo(7);
        assertThat(e.coverage()).isGreaterThanOrEqualTo(COVERAGE_FLOOR);
    }
}
