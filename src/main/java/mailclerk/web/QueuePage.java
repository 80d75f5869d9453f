package mailclerk.web;

import java.util.List;

/**
 * One page of the queue: its rows, how many match the query ({@code matching}) out of all waiting ({@code waiting}),
 * and the values the filters offer (topics and reasons taken from the queue itself, so a clerk only picks what is
 * there; {@code mailboxes} the configured ids, empty when there is only one). {@code unavailable}: mailboxes whose
 * folder could not be listed just now, so their messages are missing from this page.
 */
public record QueuePage(QueueQuery query, List<QueueRow> rows, int matching, int waiting, List<String> topics,
                        List<String> reasons, List<String> mailboxes, List<String> unavailable) {
    public int pages() {
        return Math.max(1, (matching + QueueQuery.PAGE_SIZE - 1) / QueueQuery.PAGE_SIZE);
    }

    /** Whether rows name their mailbox (a column and a filter). */
    public boolean severalMailboxes() {
        return mailboxes.size() > 1;
    }
}
