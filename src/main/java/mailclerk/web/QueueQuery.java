package mailclerk.web;

import java.util.Locale;

/**
 * What a clerk asked of the queue page: a sort order, filters (suggested topic, reason, mailbox: each an exact value
 * chosen from the page's own lists, empty for all), a search over sender and subject, and a page number (from 1).
 */
public record QueueQuery(Sort sort, String topic, String reason, String mailbox, String search, int page) {
    public static final int PAGE_SIZE = 50;
    static final int MAX_TEXT = 200;

    public enum Sort {
        OLDEST, NEWEST, SENDER, SUBJECT, TOPIC;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Sort of(String key) {
            if (key == null || key.isBlank()) return OLDEST; // nothing waits forever unseen
            for (Sort s : values()) if (s.key().equals(key)) return s;
            throw new IllegalArgumentException("the queue is sorted by oldest, newest, sender, subject or topic");
        }
    }

    public static QueueQuery all() {
        return new QueueQuery(Sort.OLDEST, "", "", "", "", 1);
    }

    /** From the query string; a page that is not a number from 1 up, or an unknown sort, is refused (400). */
    public static QueueQuery of(String sort, String topic, String reason, String mailbox, String search, String page) {
        int p;
        try {
            p = page == null || page.isBlank() ? 1 : Integer.parseInt(page.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a page number is a whole number from 1 up");
        }
        if (p < 1 || p > 1_000_000) throw new IllegalArgumentException("a page number is a whole number from 1 up");
        return new QueueQuery(Sort.of(sort), text(topic), text(reason), text(mailbox), text(search), p);
    }

    private static String text(String s) {
        if (s == null) return "";
        String t = s.strip();
        return t.length() > MAX_TEXT ? t.substring(0, MAX_TEXT) : t;
    }

    public boolean filtered() {
        return !topic.isEmpty() || !reason.isEmpty() || !mailbox.isEmpty() || !search.isEmpty();
    }

    /** The query string of this query on another page (jte escapes it into the link). */
    public String link(int toPage) {
        StringBuilder b = new StringBuilder("/queue?sort=").append(sort.key());
        param(b, "topic", topic);
        param(b, "reason", reason);
        param(b, "mailbox", mailbox);
        param(b, "q", search);
        return b.append("&page=").append(toPage).toString();
    }

    /** This query sorted another way, from the first page. */
    public String sortedBy(Sort s) {
        return new QueueQuery(s, topic, reason, mailbox, search, 1).link(1);
    }

    private static void param(StringBuilder b, String name, String value) {
        if (!value.isEmpty()) b.append('&').append(name).append('=').append(java.net.URLEncoder.encode(value,
                java.nio.charset.StandardCharsets.UTF_8));
    }
}
