package mailclerk.web;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's help mailboxes, one {@link ClerkDesk} each, by their ids in {@code mailboxes} (in that order): one
 * queue merged from every mailbox's Needs-Clerk folder, and the desk a message link names. A configuration without
 * {@code mailboxes} has one desk, id "".
 */
public final class ClerkDesks {
    private static final Logger log = LoggerFactory.getLogger(ClerkDesks.class);
    private final Map<String, ClerkDesk> byId = new LinkedHashMap<>();

    public ClerkDesks(List<ClerkDesk> desks) {
        if (desks.isEmpty()) throw new IllegalArgumentException("no mailbox");
        for (ClerkDesk d : desks) {
            if (byId.putIfAbsent(d.mailbox(), d) != null) throw new IllegalArgumentException("mailbox listed twice: " + d.mailbox());
        }
    }

    static ClerkDesks of(ClerkDesk one) {
        return new ClerkDesks(List.of(one));
    }

    /** Answers approved on the Topics page, for every desk from now on (previews, sending, the topics clerks pick). */
    public void useApproved(java.util.Map<String, String> byTopic) {
        for (ClerkDesk d : byId.values()) d.templates().useApproved(byTopic);
    }

    /** The first desk's answers: the court's placeholders are the same for every desk but the help-desk address. */
    public mailclerk.respond.ReplyTemplates templates() {
        return byId.values().iterator().next().templates();
    }

    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    public boolean several() {
        return byId.size() > 1;
    }

    /** The desk of a configured id; empty for any other text (never a default: a UID means nothing in another mailbox). */
    public Optional<ClerkDesk> find(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The only desk, for a message link without a mailbox; empty when there are several. */
    public Optional<ClerkDesk> only() {
        return several() ? Optional.empty() : Optional.of(byId.values().iterator().next());
    }

    /** The configured id of a journal key, for pages that show journal records; the key itself when none has it. */
    public String idOf(String journalKey) {
        if (journalKey == null || journalKey.isEmpty()) return "";
        for (ClerkDesk d : byId.values()) if (d.journalKey().equals(journalKey)) return d.mailbox();
        return journalKey;
    }

    public QueuePage queue(QueueQuery q) throws MessagingException {
        return queue(q, QueueQuery.PAGE_SIZE);
    }

    /**
     * Lists every mailbox's folder (see {@link ClerkDesk#listing}), then filters, sorts and cuts the page across all
     * of them; each desk builds the rows of its own messages on the page. A mailbox whose server does not answer is
     * named on the page while the others are shown; when none answers (or there is only one) the error stands.
     */
    QueuePage queue(QueueQuery q, int pageSize) throws MessagingException {
        List<ClerkDesk.Listing> listings = new ArrayList<>();
        List<String> unavailable = new ArrayList<>();
        MessagingException failure = null;
        for (ClerkDesk d : byId.values()) {
            try {
                listings.add(d.listing());
            } catch (MessagingException e) {
                if (!several()) throw e;
                if (failure == null) failure = e;
                unavailable.add(d.mailbox());
                log.warn("queue: mailbox {} could not be listed: {}", d.mailbox(), e.getMessage());
            }
        }
        if (listings.isEmpty()) throw failure;
        List<QueueSelection.Entry> all = new ArrayList<>();
        for (ClerkDesk.Listing l : listings) all.addAll(l.entries());
        List<QueueSelection.Entry> matching = QueueSelection.select(all, q);
        int lastPage = Math.max(1, (matching.size() + QueueQuery.PAGE_SIZE - 1) / QueueQuery.PAGE_SIZE);
        if (q.page() > lastPage) {
            // a page past the end (the queue shrank since the link was made): the last page, not "nothing waiting"
            q = new QueueQuery(q.sort(), q.topic(), q.reason(), q.mailbox(), q.search(), lastPage);
        }
        List<QueueSelection.Entry> page = pageSize == Integer.MAX_VALUE ? matching : QueueSelection.page(matching, q.page());
        Map<QueueSelection.Entry, QueueRow> rows = new IdentityHashMap<>();
        for (ClerkDesk.Listing l : listings) {
            List<QueueSelection.Entry> own = page.stream().filter(e -> e.mailbox().equals(l.desk().mailbox())).toList();
            if (own.isEmpty()) continue;
            List<QueueRow> built = l.desk().rows(l.uidValidity(), own);
            for (int i = 0; i < own.size(); i++) rows.put(own.get(i), built.get(i));
        }
        return new QueuePage(q, page.stream().map(rows::get).toList(), matching.size(), all.size(),
                QueueSelection.values(all, QueueSelection.Entry::topic), QueueSelection.values(all, QueueSelection.Entry::reasonKind),
                several() ? ids() : List.of(), List.copyOf(unavailable));
    }
}
