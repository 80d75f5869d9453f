package mailclerk.queue;

/**
 * The reply another record of the same message got, or is getting: the help desk it comes from ("" when the record
 * does not say); whether it went out (SENT or FILED) or is only decided or on its way; and the clerk who sent it from
 * the console, or null for an automatic reply.
 */
public record AnsweredBy(String desk, boolean sent, String clerk) {
    public AnsweredBy(String desk, boolean sent) {
        this(desk, sent, null);
    }

    /** The reason a clerk reads on the copy that gets no second reply. */
    public String reason() {
        String by = desk == null || desk.isBlank() ? "another desk" : desk;
        if (clerk != null) {
            return "answered by " + by + ": a clerk (" + clerk + ") answered this message from the console (it came to more "
                    + "than one desk, or came again); no automatic reply";
        }
        if (sent) {
            return "answered by " + by + ": this message was already answered automatically (it came to more than one "
                    + "desk, or came again); no second reply";
        }
        return "being answered by " + by + ": an automatic reply to this message was decided there and may be on its way "
                + "(it came to more than one desk, or came again); no second reply: ask that desk (or look in its Sent "
                + "folder) before answering";
    }
}
