package mailclerk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The learning curve's split: two disjoint halves holding every kind of message, the same for the same seed. */
class PilotSplitTest {
    @Test
    void halvesAreDisjointStratifiedAndRepeatable() throws Exception {
        List<PilotSplit.Labelled> all = PilotSplit.read(Path.of("src/test/resources/dev-emails-hard/labels.tsv"));
        PilotSplit split = PilotSplit.of(new ArrayList<>(all), 7);
        assertThat(split.pilot().size() + split.measured().size()).isEqualTo(all.size());
        Set<String> pilotFiles = new HashSet<>();
        split.pilot().forEach(l -> pilotFiles.add(l.file()));
        assertThat(split.measured()).noneMatch(l -> pilotFiles.contains(l.file()));
        assertThat(Math.abs(split.pilot().size() - split.measured().size())).isLessThanOrEqualTo(1);
        for (String action : List.of("reply", "flag", "ignore")) {
            long p = split.pilot().stream().filter(l -> l.action().equals(action)).count();
            long m = split.measured().stream().filter(l -> l.action().equals(action)).count();
            assertThat(Math.abs(p - m)).as(action).isLessThanOrEqualTo(List.of(all.stream().map(l -> l.action() + "/" + l.topic()).distinct().count()).get(0));
            assertThat(m).as(action + " measured").isPositive();
        }
        assertThat(PilotSplit.of(new ArrayList<>(all), 7)).isEqualTo(split);
        assertThat(PilotSplit.of(new ArrayList<>(all), 8).pilot()).isNotEqualTo(split.pilot());
    }

    @Test
    void onlyMessagesAnsweredWithAnApprovedAnswerLeaveALabelAndNTakesThePilotsFirst() {
        List<PilotSplit.Labelled> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) all.add(new PilotSplit.Labelled(i + ".eml", i % 2 == 0 ? "reply" : "flag", i % 2 == 0 ? "where-to-login" : "-"));
        all.add(new PilotSplit.Labelled("bounce.eml", "ignore", "-"));
        PilotSplit split = PilotSplit.of(all, 1);
        assertThat(split.labelledAfter(0)).isEmpty();
        List<PilotSplit.Labelled> ten = split.labelledAfter(10);
        assertThat(ten).allMatch(l -> l.action().equals("reply") && l.clerkLabel().equals("where-to-login"));
        assertThat(ten).containsExactlyElementsOf(split.pilot().subList(0, 10).stream().filter(l -> l.action().equals("reply")).toList());
        assertThat(split.labelledAfter(1_000)).hasSize((int) split.pilot().stream().filter(l -> l.action().equals("reply")).count());
        assertThat(new PilotSplit.Labelled("x", "flag", "linking-error").clerkLabel()).isNull();
    }
}
