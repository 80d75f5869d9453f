package mailclerk.web;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import mailclerk.mail.QueuedMessage;
import mailclerk.queue.HandledMessage;

/**
 * Filters, searches and sorts the listed queue before any page is built: only the header fields already listed and
 * the journal records found in bulk are looked at, so 5,000 waiting messages cost one pass. Plain substring
 * matching, no regular expression on mail text.
 */
final class QueueSelection {
    static final String BY_HAND = "moved here by hand";

    /**
     * A listed message with its journal record (null when it was put in the folder by hand) and the id of the mailbox
     * whose folder listed it ("" for the one mailbox of a configuration without {@code mailboxes}).
     */
    record Entry(QueuedMessage message, HandledMessage record, String mailbox) {
        String topic() {
            return record == null || record.topic() == null ? "" : record.topic();
        }

        String reason() {
            return record == null || record.reason() == null ? BY_HAND : record.reason();
        }

        /** The kind of reason the filter offers, without its details: "outside the FAQ", not each confidence. */
        String reasonKind() {
            return kind(reason());
        }
    }

    private QueueSelection() {
    }

    static List<Entry> select(List<Entry> all, QueueQuery q) {
        String needle = q.search().toLowerCase(Locale.ROOT);
        return all.stream()
                .filter(e -> q.topic().isEmpty() || e.topic().equals(q.topic()))
                .filter(e -> q.reason().isEmpty() || e.reasonKind().equals(q.reason()))
                .filter(e -> q.mailbox().isEmpty() || e.mailbox().equals(q.mailbox()))
                .filter(e -> needle.isEmpty() || matches(e.message(), needle))
                .sorted(order(q.sort()))
                .toList();
    }

    static List<Entry> page(List<Entry> matching, int page) {
        int from = Math.min(matching.size(), (page - 1) * QueueQuery.PAGE_SIZE);
        return matching.subList(from, Math.min(matching.size(), from + QueueQuery.PAGE_SIZE));
    }

    static List<String> values(List<Entry> all, java.util.function.Function<Entry, String> f) {
        TreeSet<String> out = new TreeSet<>();
        for (Entry e : all) {
            String v = f.apply(e);
            if (v != null && !v.isEmpty()) out.add(v);
        }
        return List.copyOf(out);
    }

    /**
     * A reason cut before its details ("outside the FAQ (confidence 0.92)", "no approved template for x", "rate
     * limit: ..."): the text up to the first ": ", " (" or " for ", and a pilot reason with its mode. Plain index
     * searches: reasons may quote a message's problem text.
     */
    static String kind(String reason) {
        if (reason.startsWith("pilot (")) {
            int close = reason.indexOf(')');
            return close > 0 ? reason.substring(0, close + 1) : reason;
        }
        int cut = reason.length();
        for (String mark : new String[] {": ", " (", " for "}) {
            int i = reason.indexOf(mark);
            if (i > 0) cut = Math.min(cut, i);
        }
        return reason.substring(0, cut);
    }

    private static boolean matches(QueuedMessage m, String needle) {
        return lower(m.sender().address()).contains(needle) || lower(m.sender().name()).contains(needle)
                || lower(m.subject()).contains(needle);
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private static Comparator<Entry> order(QueueQuery.Sort sort) {
        Comparator<Entry> oldest = Comparator.comparing((Entry e) -> e.message().received())
                .thenComparingLong(e -> e.message().uid());
        return switch (sort) {
            case OLDEST -> oldest;
            case NEWEST -> oldest.reversed();
            case SENDER -> Comparator.comparing((Entry e) -> lower(e.message().sender().address())).thenComparing(oldest);
            case SUBJECT -> Comparator.comparing((Entry e) -> lower(e.message().subject())).thenComparing(oldest);
            // messages without a suggestion last, so the answerable ones are together at the top
            case TOPIC -> Comparator.comparing((Entry e) -> e.topic().isEmpty() ? "\uffff" : e.topic()).thenComparing(oldest);
        };
    }
}
