package mailclerk.respond;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;
import mailclerk.classify.Requests;
import mailclerk.classify.Topics;

/**
 * "I upgraded PACER and can't get into CM/ECF" has two answers: before the court went live on NextGen and after.
 * What decides is when the problem happens, and a filer writes about a problem they have now: the date the
 * message was written, not the first date it mentions ("I upgraded in February" is background). So:
 * <ul>
 * <li>written on or after {@code court.nextgen-live-date}: always the after-go-live answer. The before answer
 * tells the filer the court is not live yet and to keep the old CM/ECF login, which is false from that day on,
 * whatever the message believes ("you aren't live yet, right?");</li>
 * <li>written before it: the before answer, unless the filer's requests speak of the court as already live
 * ("since you went live"): the message and the calendar disagree, so a clerk decides.</li>
 * </ul>
 */
public final class NextGenCalendar {
    private static final Pattern SAYS_AFTER = Pattern.compile(
            "(?i)\\b(?:since (?:you|the court) (?:went|go|have gone|has gone) live|now that (?:you|the court)(?:'re| are| is)? (?:live|on next ?gen)"
                    + "|after (?:you|the court) went live|since the (?:cutover|switch|conversion|go-?live)|after the (?:cutover|switch|conversion|go-?live)"
                    + "|since next ?gen|now that next ?gen|(?:you|the court) (?:are|is|went) live)\\b");

    /** The topic to answer with, or {@code topic == null} when a clerk should decide; why, for the reason line. */
    public record Choice(String topic, String why) {
    }

    private final LocalDate liveDate;
    private final ZoneId zone;

    public NextGenCalendar(LocalDate liveDate, ZoneId zone) {
        this.liveDate = liveDate;
        this.zone = zone;
    }

    /**
     * @param text the filer's own words
     * @param sent when the court received the message (IMAP INTERNALDATE; for a file, its newest Received line, else
     *             its Date header; the time of deciding when there is none)
     */
    public Choice choose(String text, Instant sent) {
        LocalDate written = LocalDate.ofInstant(sent == null ? Instant.now() : sent, zone);
        if (!written.isBefore(liveDate)) {
            return new Choice(Topics.AFTER_NEXTGEN, "received " + written + ", NextGen live since " + liveDate);
        }
        for (String request : Requests.requests(text)) {
            if (SAYS_AFTER.matcher(request).find()) {
                return new Choice(null, "received " + written + ", before NextGen went live (" + liveDate
                        + "), but speaks of the court as live");
            }
        }
        return new Choice(Topics.BEFORE_NEXTGEN, "received " + written + ", before NextGen went live (" + liveDate + ")");
    }

    /** Whether the court is live on NextGen at {@code now}: from then on the before answer is never sent. */
    public boolean isLive(Instant now) {
        return !LocalDate.ofInstant(now, zone).isBefore(liveDate);
    }

    /**
     * Whether an answer chosen earlier is out of date at {@code now}: the before-go-live answer once the court is live
     * (a message received before go-live and answered after it: a backlog, a retry, a draft confirmed late).
     */
    public boolean outOfDate(String topic, Instant now) {
        return Topics.BEFORE_NEXTGEN.equals(topic) && isLive(now);
    }

    /** The topic alone: the after-go-live answer from the go-live date on, never the before one. */
    public String topicFor(String text, Instant sent) {
        return choose(text, sent).topic();
    }
}
