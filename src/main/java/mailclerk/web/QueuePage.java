package mailclerk.web;

import java.util.List;

/**
 * One page of the queue: its rows, how many match the query ({@code matching}) out of all waiting ({@code waiting}),
 * and the values the filters offer (taken from the queue itself, so a clerk only picks what is there).
 */
public record QueuePage(QueueQuery query, List<QueueRow> rows, int matching, int waiting, List<String> topics,
                        List<String> reasons, List<String> mailboxes) {
    public int pages() {
        return Math.max(1, (matching + QueueQuery.PAGE_SIZE - 1) / QueueQuery.PAGE_SIZE);
    }
}
