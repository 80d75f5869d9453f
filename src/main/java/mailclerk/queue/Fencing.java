package mailclerk.queue;

/**
 * The SQL that makes a poll's writes depend on its lease: a write carries the fence's token and changes nothing once
 * another process has taken the mailbox over (the token grew). {@link Fence#NONE} writes unchecked (tools, tests).
 */
final class Fencing {
    /** The lease still belongs to the fence's token. */
    static final String LEASE_HELD = "EXISTS (SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND token = ?)";
    /** The lease still belongs to the fence's token and has not run out, by the database's clock. */
    static final String LEASE_VALID = "EXISTS (SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND token = ? AND expires_at > "
            + Leases.DB_NOW + ")";

    private Fencing() {
    }

    /** An update of one row that fails, changing nothing, once the fence's lease has been taken over. */
    static void update(Sql sql, Fence fence, String statement, Object... args) {
        if (!fence.checked()) {
            sql.update(statement, args);
            return;
        }
        if (sql.update(statement + " AND " + LEASE_HELD, Sql.concat(args, fence.mailbox(), fence.token())) == 0) {
            throw new LeaseLostException(fence.mailbox());
        }
    }

    /** Whether the fence's lease is still held and not expired (true without a lease). */
    static boolean valid(Sql sql, Fence fence) {
        return !fence.checked() || sql.exists("SELECT 1 FROM mailbox_lease WHERE mailbox = ? AND token = ? AND expires_at > "
                + Leases.DB_NOW, fence.mailbox(), fence.token());
    }
}
