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
    }

    @Test
    void lineBreaksInANameBecomeSpaces() {
        assertThat(FilerName.of("Pat\r\nBcc: victim@example.com")).doesNotContain("\r").doesNotContain("\n");
    }
}
