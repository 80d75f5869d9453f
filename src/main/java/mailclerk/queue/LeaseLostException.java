package mailclerk.queue;

/** This node no longer holds the mailbox's lease: it must stop before it sends or files anything more. */
public final class LeaseLostException extends JournalException {
    public LeaseLostException(String mailbox) {
        super("lease on " + mailbox + " lost: another node has taken this mailbox over; this poll stops here", null);
    }
}
