package mailclerk.respond;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import mailclerk.config.ConfigException;
import mailclerk.config.Settings;

/**
 * How far a court has let the responder go. In {@code shadow} mode ({@code reply.mode}) nothing is answered
 * automatically: every message is decided exactly as in live mode, and a would-be reply goes to the clerks' queue
 * as a draft for them to confirm or correct. In live mode only the topics in {@code reply.live-topics} are
 * answered; the others behave as in shadow, so a court can go live one topic at a time as the pilot report shows
 * each one is ready.
 *
 * @param liveTopics     the topics answered automatically in live mode; empty means all
 * @param secondApproval {@code topics.require-second-approval}: an answer written on the Topics page is sent
 *                       automatically only once a second administrator has approved it
 */
public record PilotMode(boolean shadow, Set<String> liveTopics, boolean secondApproval) {
    public static final PilotMode LIVE = new PilotMode(false, Set.of());

    public PilotMode(boolean shadow, Set<String> liveTopics) {
        this(shadow, liveTopics, true);
    }

    public static PilotMode from(Settings s) {
        String mode = s.get("reply.mode", "live").strip().toLowerCase(Locale.ROOT);
        if (!mode.equals("live") && !mode.equals("shadow")) {
            throw new ConfigException("reply.mode must be live or shadow, not '" + mode + "'");
        }
        String topics = s.get("reply.live-topics", "all").strip();
        Set<String> live = topics.equalsIgnoreCase("all") ? Set.of()
                : Arrays.stream(topics.split(",")).map(String::strip).filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
        if (!topics.equalsIgnoreCase("all") && live.isEmpty()) {
            throw new ConfigException("reply.live-topics is 'all' or a comma-separated list of topic ids");
        }
        return new PilotMode(mode.equals("shadow"), live, s.getBoolean("topics.require-second-approval", true));
    }

    public boolean answersLive(String topic) {
        return !shadow && (liveTopics.isEmpty() || liveTopics.contains(topic));
    }

    /** A reply the court has not put live becomes a draft in the clerks' queue; every other decision stays. */
    public Decision apply(Decision d) {
        if (d.action() != Action.REPLY || answersLive(d.topic())) return d;
        String why = (shadow ? "pilot (shadow mode): would answer " : "pilot (topic not live yet): would answer ") + d.reason();
        return d.asDraft(why);
    }
}
