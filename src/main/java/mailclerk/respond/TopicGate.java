package mailclerk.respond;

import java.util.Map;
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
        templates.useApproved(store.approvedAnswers());
        states = Map.copyOf(next);
    }

    public PilotMode pilot() {
        return pilot;
    }

    /** The topic's state now: as set on the page, else what the settings make of it. */
    public TopicStore.State state(String topic) {
        TopicStore.State s = states.get(topic);
        if (s != null) return s;
        return pilot.liveTopics().isEmpty() || pilot.liveTopics().contains(topic) ? TopicStore.State.LIVE : TopicStore.State.DRAFT;
    }

    /** A reply the topic's state does not allow becomes a draft or a plain flag; every other decision stays. */
    public Decision apply(Decision d) {
        if (d.action() != Action.REPLY) return d;
        TopicStore.State s = states.get(d.topic());
        if (s == null) return pilot.apply(d);
        return switch (s) {
            case OFF -> d.asFlag("topic " + d.topic() + " is switched off on the Topics page: a clerk answers");
            case DRAFT -> d.asDraft("pilot (topic is a draft): would answer " + d.reason());
            case LIVE -> pilot.shadow() ? d.asDraft("pilot (shadow mode): would answer " + d.reason()) : d;
        };
    }
}
