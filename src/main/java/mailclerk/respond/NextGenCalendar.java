package mailclerk.respond;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.regex.Pattern;
import mailclerk.classify.Topics;

/**
 * "I upgraded PACER and can't get into CM/ECF" has two answers: before the court went live on NextGen and after.
 * The wording rarely says which, so the message says it when it can ("you aren't live yet", "since the
 * cutover") and otherwise the date it was written decides, against {@code court.nextgen-live-date}.
 */
public final class NextGenCalendar {
    private static final Pattern SAYS_BEFORE = Pattern.compile(
            "(?i)\\b(not (yet )?(live|on next ?gen)|aren'?t (yet )?(live|on next ?gen)|haven'?t (yet )?gone live|"
                    + "before (you|the court) (go|goes|went) live|prior to (next ?gen|going live|the court going live)|"
                    + "until (you|the court) (go|goes) live|not switched|before the (switch|cutover|conversion))\\b");
    private static final Pattern SAYS_AFTER = Pattern.compile(
            "(?i)\\b(since (you|the court) (went|go|have gone|has gone) live|now that (you|the court)('re| are| is)? (live|on next ?gen)|"
                    + "after (you|the court) went live|since the (cutover|switch|conversion|go-?live)|after the (cutover|switch|conversion|go-?live)|"
                    + "since next ?gen|now that next ?gen)\\b");

    private final LocalDate liveDate;
    private final ZoneId zone;

    public NextGenCalendar(LocalDate liveDate, ZoneId zone) {
        this.liveDate = liveDate;
        this.zone = zone;
    }

    /**
     * @param text the filer's own words
     * @param sent when the message was written (Date header; the arrival time when it has none)
     */
    public String topicFor(String text, Instant sent) {
        boolean before = SAYS_BEFORE.matcher(text).find();
        boolean after = SAYS_AFTER.matcher(text).find();
        if (before && !after) return Topics.BEFORE_NEXTGEN;
        if (after && !before) return Topics.AFTER_NEXTGEN;
        LocalDate written = LocalDate.ofInstant(sent == null ? Instant.now() : sent, zone);
        return written.isBefore(liveDate) ? Topics.BEFORE_NEXTGEN : Topics.AFTER_NEXTGEN;
    }

    /** Why the calendar chose as it did, for the reason line. */
    public String explain(String text, Instant sent) {
        boolean before = SAYS_BEFORE.matcher(text).find();
        boolean after = SAYS_AFTER.matcher(text).find();
        if (before != after) return "the message says " + (before ? "before" : "after") + " NextGen";
        return "written " + (sent == null ? "now" : LocalDate.ofInstant(sent, zone)) + ", NextGen live " + liveDate;
    }
}
