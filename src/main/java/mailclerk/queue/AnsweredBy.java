package mailclerk.queue;

/**
 * The automatic reply another record of the same message got, or is getting: the help desk it comes from ("" when
 * the record does not say) and whether it went out (SENT or FILED) or is only decided or on its way.
 */
public record AnsweredBy(String desk, boolean sent) {
    /** The reason a clerk reads on the copy that gets no second reply. */
    public String reason() {
        String by = desk == null || desk.isBlank() ? "another desk" : desk;
        if (sent) {
            return "answered by " + by + ": this message was already answered automatically (it came to more than one "
                    + "desk, or came again); no second reply";
        }
        return "being answered by " + by + ": an automatic reply to this message was decided there and may be on its way "
                + "(it came to more than one desk, or came again); check Sent before answering; no second reply";
    }
}
