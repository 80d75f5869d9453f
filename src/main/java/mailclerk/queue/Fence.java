package mailclerk.queue;

/**
 * The lease a poll holds on its mailbox: every journal write of the poll carries it and fails once another node
 * has taken the mailbox over (the token grew). {@link #NONE} is for tools and tests that write without a lease.
 */
public record Fence(String mailbox, long token) {
    public static final Fence NONE = new Fence(null, 0);

    public boolean checked() {
        return mailbox != null;
    }
}
