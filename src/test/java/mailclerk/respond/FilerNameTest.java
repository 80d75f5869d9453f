package mailclerk.respond;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FilerNameTest {
    @Test
    void greetsPeopleNotMailboxes() {
        assertThat(FilerName.of("Marta Reyes")).isEqualTo("Marta Reyes");
        assertThat(FilerName.of("Okafor, Daniel")).isEqualTo("Daniel Okafor");
        assertThat(FilerName.of("Website Intake")).isEmpty();
        assertThat(FilerName.of("jane@firm.example")).isEmpty();
        assertThat(FilerName.of("")).isEmpty();
        assertThat(FilerName.of("x".repeat(80))).isEmpty();
        assertThat(FilerName.of("Mary-Jo O'Neil Jr.")).isEqualTo("Mary-Jo O'Neil Jr.");
        assertThat(FilerName.of("Zoë Ångström")).isEqualTo("Zoë Ångström");
    }

    @Test
    void markupDigitsAndSentencesAreNotNames() {
        assertThat(FilerName.of("</textarea><script>alert(1)</script>")).isEmpty();
        assertThat(FilerName.of("Dear ${jndi:ldap://x}")).isEmpty();
        assertThat(FilerName.of("Call 515-555-0100 now")).isEmpty();
        assertThat(FilerName.of("Your account will be closed today unless you act")).isEmpty();
        assertThat(FilerName.of("\u202eEvil")).isEqualTo("Evil");
    }

    @Test
    void lineBreaksInANameBecomeSpaces() {
        assertThat(FilerName.of("Pat\r\nBcc: victim@example.com")).doesNotContain("\r").doesNotContain("\n");
    }
}
