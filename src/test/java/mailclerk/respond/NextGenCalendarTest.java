package mailclerk.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import mailclerk.classify.Topics;
import org.junit.jupiter.api.Test;

class NextGenCalendarTest {
    final NextGenCalendar calendar = new NextGenCalendar(LocalDate.of(2025, 4, 7), ZoneId.of("America/Chicago"));
    final String neutral = "I upgraded my PACER account and now I can't get into CM/ECF";

    @Test
    void theDateDecidesWhenTheMessageDoesNotSay() {
        assertThat(calendar.topicFor(neutral, Instant.parse("2025-04-06T23:00:00Z"))).isEqualTo(Topics.BEFORE_NEXTGEN);
        // 2025-04-07 00:30 in Chicago is already the go-live day
        assertThat(calendar.topicFor(neutral, Instant.parse("2025-04-07T05:30:00Z"))).isEqualTo(Topics.AFTER_NEXTGEN);
        assertThat(calendar.topicFor(neutral, Instant.parse("2025-11-16T12:00:00Z"))).isEqualTo(Topics.AFTER_NEXTGEN);
    }

    @Test
    void fromTheGoLiveDateOnNeverTheBeforeAnswerWhateverTheMessageSays() {
        // the filer believes the court is not live: it is, so the before answer ("keep the old login") would be false
        assertThat(calendar.topicFor(neutral + ", I know you are not live yet", Instant.parse("2025-06-01T12:00:00Z")))
                .isEqualTo(Topics.AFTER_NEXTGEN);
        assertThat(calendar.topicFor("I upgraded before the switch. Now I can't get into CM/ECF.",
                Instant.parse("2025-04-07T15:00:00Z"))).isEqualTo(Topics.AFTER_NEXTGEN);
    }

    @Test
    void theProblemsTimeDecidesNotTheFirstDateMentioned() {
        String text = "His PACER account was upgraded in February, before go-live. He gets no ECF access now.";
        assertThat(calendar.topicFor(text, Instant.parse("2025-05-12T15:00:00Z"))).isEqualTo(Topics.AFTER_NEXTGEN);
    }

    @Test
    void aMessageWrittenBeforeGoLiveThatSpeaksOfTheCourtAsLiveGoesToAClerk() {
        NextGenCalendar.Choice c = calendar.choose(neutral + " since the cutover", Instant.parse("2025-03-01T12:00:00Z"));
        assertThat(c.topic()).isNull();
        assertThat(c.why()).contains("speaks of the court as live");
        // background that merely mentions the switch is not the problem's time
        assertThat(calendar.topicFor("We read that the court is live soon. I upgraded PACER and I can't log in to CM/ECF.",
                Instant.parse("2025-03-01T12:00:00Z"))).isEqualTo(Topics.BEFORE_NEXTGEN);
    }
}
