package mailclerk.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import mailclerk.config.Settings;
import org.junit.jupiter.api.Test;

class ReplyTemplatesTest {
    final Settings settings = new Settings(new Properties(), Map.of(), Path.of("."));
    final ReplyTemplates templates = ReplyTemplates.load(Path.of("templates"), CourtInfo.from(settings), HelpDesk.from(settings));

    @Test
    void sixteenTopicsHaveATemplateAndTheCutOffOneDoesNot() {
        assertThat(templates.topics()).hasSize(16).doesNotContain("query-error-pacer-account");
    }

    @Test
    void courtDetailsComeFromConfiguration() {
        Settings other = settings.with(Map.of("court.phone", "(999) 555-0100", "court.name", "Test Court"));
        ReplyTemplates t = ReplyTemplates.load(Path.of("templates"), CourtInfo.from(other), HelpDesk.from(other));
        String body = t.render("forgot-pacer-credentials", "Pat Filer");
        assertThat(body).startsWith("Dear Pat Filer,").contains("(999) 555-0100").contains("Test Court")
                .contains("AUTOMATIC answer").doesNotContain("${");
    }

    @Test
    void placeholdersInTheFilersNameAreNeverEvaluated() {
        for (String evil : new String[] {"${courtPhone}", "${script:javascript:java.lang.System.exit(1)}",
                "${env:HOME}", "${sys:user.home}", "${file:UTF-8:/etc/passwd}", "$${courtName}", "${${courtName}}"}) {
            String body = templates.render("where-to-login", evil);
            assertThat(body).startsWith("Dear " + evil + ",");
            assertThat(body).doesNotContain(System.getProperty("user.home") + ",");
        }
    }

    @Test
    void anonymousGreetingWithoutAName() {
        assertThat(templates.render("where-to-login", "")).startsWith("Hello,");
    }

    @Test
    void everyReplySaysAtItsTopThatItIsAutomatic() {
        for (String topic : templates.topics()) {
            for (String name : new String[] {"Pat Filer", ""}) {
                String top = String.join("\n", templates.render(topic, name).lines().limit(4).toList());
                assertThat(top).as(topic).contains("This is an automatic answer");
            }
        }
    }

    @Test
    void everyLineOfEveryRenderedReplyFitsIn78Characters() {
        String longestName = "Maximiliana Bartholomew-Worthington Featherstonehaugh-Smythe III";
        for (String topic : templates.topics()) {
            for (String name : new String[] {"Pat Filer", "", longestName.substring(0, 60)}) {
                templates.render(topic, name).lines().forEach(l -> assertThat(l.length()).as(topic + ": " + l).isLessThanOrEqualTo(78));
            }
        }
    }

    @Test
    void theUnknownCmecfCredentialsAnswerSaysWhichPasswordTheCourtResets() {
        String body = templates.render("unknown-cmecf-credentials", "");
        assertThat(body).contains("reset your CM/ECF password").doesNotContain("reset your password");
    }
}
