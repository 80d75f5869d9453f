package mailclerk.respond;

import java.util.Map;
import java.util.Optional;
import mailclerk.queue.TopicStore;

/**
 * What may happen to a reply on each topic, as set on the console's Topics page, over the pilot mode of the
 * settings: {@code live} answers (unless the whole responder is in shadow mode), {@code draft} holds the reply for a
 * clerk as a suggested answer, {@code off} sends the message to a clerk with no suggestion at all. A topic the page
 * never touched keeps what {@code reply.mode} and {@code reply.live-topics} say. Read again from the database at the
 * start of each poll ({@link #refresh()}), with the approved answers, so a change on either node counts from the
 * next poll on, and one poll sees one set of states throughout.
 */
public final class TopicGate {
    private final PilotMode pilot;
    private final TopicStore store;
    private final ReplyTemplates templates;
    private volatile Map<String, TopicStore.State> states = Map.of();
    /** Per topic, the answer version in use from the Topics page (absent: the shipped answer, or none). */
    private volatile Map<String, TopicStore.AnswerRow> inUse = Map.of();

    /** @param store null: no Topics page (tests of the responder alone); the settings decide everything */
    public TopicGate(PilotMode pilot, TopicStore store, ReplyTemplates templates) {
        this.pilot = pilot;
        this.store = store;
        this.templates = templates;
    }

    /** Reads the states and approved answers again. */
    public void refresh() {
        if (store == null) return;
        Map<String, TopicStore.State> next = new java.util.HashMap<>();
        store.states().forEach((topic, row) -> next.put(topic, row.state()));
        Map<String, TopicStore.AnswerRow> answers = store.inUse();
        Map<String, String> bodies = new java.util.HashMap<>();
        answers.forEach((topic, row) -> bodies.put(topic, row.body()));
        templates.useApproved(bodies);
        inUse = Map.copyOf(answers);
        states = Map.copyOf(next);
    }

    public PilotMode pilot() {
        return pilot;
    }

    /** The topic's state now: as set on the page, else what the settings make of it. */
    public TopicStore.State state(String topic) {
        TopicStore.State s = states.get(topic);
        if (s != null) return s;
        if (inUse.containsKey(topic) && templates.shipped(topic) == null) return TopicStore.State.DRAFT;
        return pilot.liveTopics().isEmpty() || pilot.liveTopics().contains(topic) ? TopicStore.State.LIVE : TopicStore.State.DRAFT;
    }

    /** A reply the topic's state does not allow becomes a draft or a plain flag; every other decision stays. */
    public Decision apply(Decision d) {
        if (d.action() != Action.REPLY) return d;
        return whyNotSent(d.topic()).map(why -> why.startsWith(OFF_PREFIX) ? d.asFlag(why) : d.asDraft(why + d.reason()))
                .orElse(d);
    }

    /** Whether a reply on this topic may go out automatically now (asked again just before a decided reply is sent). */
    public boolean sends(String topic) {
        return whyNotSent(topic).isEmpty();
    }

    private static final String OFF_PREFIX = "topic switched off";

    private Optional<String> whyNotSent(String topic) {
        TopicStore.State s = states.get(topic);
        TopicStore.AnswerRow answer = inUse.get(topic);
        if (s == null) {
            // an answer first written on the Topics page, for a topic the page never set: a draft until taken live there
            if (answer != null && templates.shipped(topic) == null) {
                return Optional.of("pilot (topic's answer is new, the topic not live yet): would answer ");
            }
            if (pilot.answersLive(topic)) return unreviewed(answer);
            return Optional.of(pilot.shadow() ? "pilot (shadow mode): would answer " : "pilot (topic not live yet): would answer ");
        }
        return switch (s) {
            case OFF -> Optional.of(OFF_PREFIX + " on the Topics page: a clerk answers");
            case DRAFT -> Optional.of("pilot (topic is a draft): would answer ");
            case LIVE -> pilot.shadow() ? Optional.of("pilot (shadow mode): would answer ") : unreviewed(answer);
        };
    }

    /**
     * An answer written on the Topics page goes out automatically only once two administrators have seen it (when the
     * court asks for that): the page enforces it, and this is the check at the moment of sending, whatever order
     * things happened in on the page.
     */
    private Optional<String> unreviewed(TopicStore.AnswerRow answer) {
        if (answer == null || !pilot.secondApproval() || !answer.writtenBy().equalsIgnoreCase(answer.approvedBy())) {
            return Optional.empty();
        }
        return Optional.of("pilot (answer version " + answer.version() + " is approved only by its writer; a second "
                + "administrator approves it or takes the topic live): would answer ");
    }
}
