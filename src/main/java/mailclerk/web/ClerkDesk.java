package mailclerk.web;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import mailclerk.classify.ActiveModel;
import mailclerk.classify.ClerkLabels;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.TopicModel;
import mailclerk.classify.Topics;
import mailclerk.mail.ClerkFolder;
import mailclerk.mail.FetchedMessage;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.Outbox;
import mailclerk.mail.QueuedMessage;
import mailclerk.mail.ReadLimits;
import mailclerk.mail.Reply;
import mailclerk.mail.ReplyBuilder;
import mailclerk.mail.Sender;
import mailclerk.mail.ServerSettings;
import mailclerk.queue.Claim;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.respond.Decider;
import mailclerk.respond.FilerName;
import mailclerk.respond.HelpDesk;
import mailclerk.respond.MessageIdentity;
import mailclerk.respond.ReplyTemplates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What clerks do with one help mailbox's queue: list it, open a message, send a reply, mark it answered by hand or
 * not a question. Every action files the message, clears \Flagged, is recorded with who and when, and becomes a
 * labelled example. One desk per mailbox: its IMAP account and folders, its SMTP server, its help-desk address (the
 * From of a clerk's reply), and its name in the journal ({@link #journalKey}); {@link ClerkDesks} puts them together.
 */
public final class ClerkDesk {
    private static final Logger log = LoggerFactory.getLogger(ClerkDesk.class);
    static final int MAX_REPLY_CHARS = 20_000;
    /** A clerk's claim on a message lapses after this long without being renewed. */
    public static final java.time.Duration CLAIM_LAPSE = java.time.Duration.ofMinutes(30);
    static final int HISTORY = 20;

    public enum Outcome { DONE, GONE, ALREADY_HANDLED, NO_RECIPIENT, NO_TEMPLATE, NOT_A_DRAFT, ANSWERED_ELSEWHERE, OUT_OF_DATE }

    private final String mailbox;
    private final String journalKey;
    private final ServerSettings imap;
    private final Folders folders;
    private final ReadLimits limits;
    private final Outbox outbox;
    private final HelpDesk desk;
    private final ReplyTemplates templates;
    private final ActiveModel model;
    private final Journal journal;
    private final ClerkLabels labels;
    /** Whether a suggested topic may no longer go out as it stands (the before-go-live answer once the court is live). */
    private final java.util.function.Predicate<String> outOfDate;

    /** @param mailbox the mailbox's id in {@code mailboxes} ("" for the one mailbox of a configuration without it) */
    public ClerkDesk(String mailbox, ServerSettings imap, Folders folders, ReadLimits limits, Outbox outbox, HelpDesk desk,
                     ReplyTemplates templates, ActiveModel model, Journal journal, ClerkLabels labels,
                     java.util.function.Predicate<String> outOfDate) {
        this.outOfDate = outOfDate;
        this.mailbox = mailbox;
        this.journalKey = mailclerk.mail.MailboxKey.of(imap, folders);
        this.imap = imap;
        this.folders = folders;
        this.limits = limits;
        this.outbox = outbox;
        this.desk = desk;
        this.templates = templates;
        this.model = model;
        this.journal = journal;
        this.labels = labels;
    }

    /** The mailbox's id in {@code mailboxes}; "" for the one mailbox of a configuration without it. */
    public String mailbox() {
        return mailbox;
    }

    /** The mailbox's name in the journal (the responder's key for the same IMAP account and inbox). */
    public String journalKey() {
        return journalKey;
    }

    /** Every message waiting in this mailbox, oldest first. */
    public List<QueueRow> queue() throws MessagingException {
        return ClerkDesks.of(this).queue(QueueQuery.all(), Integer.MAX_VALUE).rows();
    }

    /** One page of this mailbox's queue as the clerk asked for it. */
    public QueuePage queue(QueueQuery q) throws MessagingException {
        return ClerkDesks.of(this).queue(q);
    }

    /** The clerks' folder as listed, with the UIDVALIDITY the UIDs belong to. */
    record Listing(ClerkDesk desk, long uidValidity, List<QueueSelection.Entry> entries) {
    }

    /**
     * Lists the folder (a few header fields each, one FETCH) and finds every journal record of this mailbox in bulk;
     * {@link ClerkDesks} filters, sorts and cuts the page from the listings of every mailbox.
     */
    Listing listing() throws MessagingException {
        List<QueuedMessage> listed;
        long uidValidity;
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            uidValidity = f.uidValidity();
            listed = f.list();
        }
        List<mailclerk.queue.Messages.FiledKey> keys = new ArrayList<>(listed.size());
        for (QueuedMessage m : listed) keys.add(new mailclerk.queue.Messages.FiledKey(m.uid(), m.messageId(), m.sender().address(), m.subject()));
        Map<Long, HandledMessage> records = journal.messages().filedAtAll(journalKey, folders.needsClerk(), uidValidity, keys);
        List<QueueSelection.Entry> all = new ArrayList<>(listed.size());
        for (QueuedMessage m : listed) all.add(new QueueSelection.Entry(m, records.get(m.uid()), mailbox));
        return new Listing(this, uidValidity, all);
    }

    /**
     * The rows for this mailbox's messages on the page being shown, in the order given: the per-row work (pilot
     * verdicts, claims, formatting) is done for the page only.
     */
    List<QueueRow> rows(long uidValidity, List<QueueSelection.Entry> page) {
        Set<Long> judged = journal.pilot().withPilotVerdict(page.stream().filter(e -> e.record() != null && e.record().pilotDraft())
                .map(e -> e.record().id()).toList());
        Map<String, Claim> claims = journal.clerkQueue().claims(journalKey, page.stream().map(e -> uidValidity + ":" + e.message().uid()).toList(),
                Instant.now(), CLAIM_LAPSE);
        List<QueueRow> rows = new ArrayList<>(page.size());
        for (QueueSelection.Entry e : page) {
            QueuedMessage m = e.message();
            HandledMessage h = e.record();
            boolean draft = h != null && h.pilotDraft() && h.topic() != null && !judged.contains(h.id());
            rows.add(new QueueRow(m.uid(), m.received(), m.sender(), m.subject(), h == null ? null : h.topic(),
                    h == null || Double.isNaN(h.confidence()) ? "" : String.format(Locale.ROOT, "%.2f", h.confidence()),
                    e.reason(), draft, mailbox, claims.get(uidValidity + ":" + m.uid())));
        }
        return rows;
    }

    /**
     * "I am on it": claims the message for the clerk for {@link #CLAIM_LAPSE} unless another clerk holds it. Returns
     * the claim that holds (possibly the other clerk's), or empty when the message left the queue. Advisory only:
     * sending, answering by hand and the rest stay open to everyone, guarded by the clerk_action key alone.
     */
    public Optional<Claim> claim(String clerk, long uid) throws MessagingException {
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            if (f.describe(uid).isEmpty()) return Optional.empty();
            return Optional.ofNullable(journal.clerkQueue().claim(journalKey, key(f, uid), clerk, Instant.now(), CLAIM_LAPSE));
        }
    }

    /** Ends the clerk's own claim, or, for an administrator, anyone's. */
    public boolean releaseClaim(String clerk, long uid, boolean administrator) throws MessagingException {
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            return journal.clerkQueue().releaseClaim(journalKey, key(f, uid), clerk, administrator);
        }
    }

    public Optional<MessageView> open(long uid, String chosenTopic) throws MessagingException {
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            Optional<FetchedMessage> fetched = f.fetch(uid, limits.maxMessageBytes());
            if (fetched.isEmpty()) return Optional.empty();
            IncomingMessage in = read(fetched.get());
            Optional<HandledMessage> h = record(f, uid, in);
            String draft = pendingDraft(h);
            TopicModel m = model.current();
            var suggestions = m.predict(Preprocessor.tokens(in.subject(), in.text())).top(3);
            // a topic switched off on the Topics page is not suggested (the clerk may still choose it by hand)
            java.util.Set<String> off = switchedOff();
            String topic = chosenTopic != null && templates.hasTemplate(chosenTopic) ? chosenTopic
                    : draft != null && templates.hasTemplate(draft) && !off.contains(draft) ? draft
                    : suggestions.stream().map(s -> s.topic()).filter(templates::hasTemplate).filter(t -> !off.contains(t))
                    .findFirst().orElse(null);
            String preview = topic == null ? "" : templates.render(topic, FilerName.of(in.fromName()));
            Sender sender = Sender.of(in.from(), in.headers().first("From"));
            Claim claim = journal.clerkQueue().claims(journalKey, List.of(key(f, uid)), Instant.now(), CLAIM_LAPSE).get(key(f, uid));
            // "Received" is when the mail server took it (INTERNALDATE); the Date header is the sender's to write
            Instant received = f.describe(uid).map(QueuedMessage::received).orElse(null);
            return Optional.of(new MessageView(mailbox, desk.address(), uid, received, in.date(), sender, Decider.recipient(in),
                    in.subject(), in.text(),
                    in.attachments(), suggestions, h.map(HandledMessage::reason).orElse("moved here by hand"), topic, preview,
                    templates.topics().stream().sorted().toList(), draft, claim,
                    journal.reports().senderHistory(sender(in), h.map(HandledMessage::id).orElse(-1L), HISTORY),
                    journal.replies().replyAmong(in.references()).orElse(null)));
        }
    }

    private java.util.Set<String> switchedOff() {
        if (journal.database() == null) return java.util.Set.of();
        java.util.Set<String> off = new java.util.HashSet<>();
        new mailclerk.queue.TopicStore(journal.database()).states().forEach((topic, row) -> {
            if (row.state() == mailclerk.queue.TopicStore.State.OFF) off.add(topic);
        });
        return off;
    }

    /**
     * The one-click answer to a pilot draft: sends the suggested answer as it stands and records the clerk's verdict
     * that the automatic decision was right. Refused when another clerk gave a verdict first ("needs a person"), or
     * when the message was already answered at any desk: the suggested answer is the automatic one, and a message gets
     * one automatic answer.
     */
    public Outcome confirmDraft(String clerk, long uid) throws MessagingException {
        String topic;
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            Optional<FetchedMessage> fetched = f.fetch(uid, limits.maxMessageBytes());
            if (fetched.isEmpty()) return Outcome.GONE;
            topic = pendingDraft(record(f, uid, read(fetched.get())));
        }
        if (topic == null) return Outcome.NOT_A_DRAFT;
        return sendReply(clerk, uid, topic, null, true);
    }

    /** The clerk's verdict on a pilot draft that its suggested answer would be wrong; the message stays queued. */
    public Outcome needsAPerson(String clerk, long uid) throws MessagingException {
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            Optional<FetchedMessage> fetched = f.fetch(uid, limits.maxMessageBytes());
            if (fetched.isEmpty()) return Outcome.GONE;
            IncomingMessage in = read(fetched.get());
            Optional<HandledMessage> h = record(f, uid, in);
            if (pendingDraft(h) == null) return Outcome.NOT_A_DRAFT;
            if (!journal.pilot().pilotVerdict(h.get().id(), h.get().topic(), false, null, clerk)) return Outcome.ALREADY_HANDLED;
            log.info("clerk={} action=needs-a-person id={} draft={}{}", clerk, in.logId(), h.get().topic(), where());
            return Outcome.DONE;
        }
    }

    /** Sends the clerk's reply (a person's reply: threaded like ours, without Auto-Submitted) and files the message. */
    public Outcome sendReply(String clerk, long uid, String topic, String body) throws MessagingException {
        return sendReply(clerk, uid, topic, body, false);
    }

    /**
     * The reply, claimed three ways before anything is sent: the clerk's action (a second click or a second clerk is
     * told it was already handled), the draft's verdict when there is a pending draft (confirmed only when the draft's
     * own answer goes out unedited; a clerk's "needs a person" and a confirmation cannot both happen), and the
     * message's one-reply claim across desks (which refuses the suggested answer of a message already answered
     * anywhere, and keeps an automatic reply at another desk from following a clerk's).
     */
    private Outcome sendReply(String clerk, long uid, String topic, String body, boolean confirming) throws MessagingException {
        if (topic == null || !templates.hasTemplate(topic)) return Outcome.NO_TEMPLATE;
        String text = body == null || body.isBlank() ? null : body.replace("\r\n", "\n");
        if (text != null && text.length() > MAX_REPLY_CHARS) text = text.substring(0, MAX_REPLY_CHARS);
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            Optional<FetchedMessage> fetched = f.fetch(uid, limits.maxMessageBytes());
            if (fetched.isEmpty()) return Outcome.GONE;
            IncomingMessage in = read(fetched.get());
            String to = Decider.recipient(in);
            InternetAddress toAddress = ReplyBuilder.singleAddress(to);
            if (toAddress == null || desk.isOwnDomain(to)) return Outcome.NO_RECIPIENT;
            Optional<HandledMessage> h = record(f, uid, in);
            String draft = pendingDraft(h);
            if (confirming && !topic.equals(draft)) return Outcome.NOT_A_DRAFT;
            // the before-go-live answer once the court is live: no longer true, whether confirmed in one click from a
            // pilot draft or sent from the preselected topic; the clerk chooses the after-go-live answer or writes her own
            if (outOfDate.test(topic)) return Outcome.OUT_OF_DATE;
            String suggestion = templates.render(topic, FilerName.of(in.fromName()));
            if (text == null) text = suggestion;
            boolean asSuggested = topic.equals(draft) && sameText(text, suggestion);
            Reply reply = ReplyBuilder.reply(in, ReplyBuilder.named(desk.address(), desk.displayName()), toAddress, text, false);
            String key = key(f, uid);
            long action = journal.clerkQueue().claimClerkAction(journalKey, key, clerk, "send", in.messageId(), sender(in), in.subject(), topic,
                    suggested(in, topic), model.current().metadata().version(), to, reply.messageId());
            if (action < 0) return Outcome.ALREADY_HANDLED;
            boolean verdict = false;
            if (draft != null) {
                verdict = journal.pilot().pilotVerdict(h.get().id(), draft, asSuggested, asSuggested ? null : topic, clerk);
                if (!verdict && confirming) {
                    // another clerk judged the draft first ("needs a person"): the suggested answer does not go out
                    journal.clerkQueue().releaseClerkAction(action);
                    return Outcome.ALREADY_HANDLED;
                }
            }
            String messageKey = MessageIdentity.keyOf(in);
            mailclerk.queue.Replies.ClerkClaim answered;
            try {
                answered = journal.replies().claimForClerk(messageKey, h.map(HandledMessage::id).orElse(0L), journalKey,
                        desk.address(), clerk, asSuggested);
            } catch (RuntimeException e) {
                // the database failed (a lock timeout): nothing was sent, so the clerk's action must not stay taken
                if (verdict) journal.pilot().withdrawVerdict(h.get().id(), clerk);
                journal.clerkQueue().releaseClerkAction(action);
                throw e;
            }
            if (answered.refusedBy() != null) {
                if (verdict) journal.pilot().withdrawVerdict(h.get().id(), clerk);
                journal.clerkQueue().releaseClerkAction(action);
                log.info("clerk={} action=send id={} refused: {}{}", clerk, in.logId(), answered.refusedBy().reason(), where());
                return Outcome.ANSWERED_ELSEWHERE;
            }
            MimeMessage mime;
            try {
                try {
                    mime = outbox.toMime(reply);
                } catch (MessagingException e) {
                    throw new mailclerk.mail.NotSentException(e); // never built, so never sent
                }
                outbox.send(mime, toAddress);
            } catch (MessagingException e) {
                // nothing was delivered (no connection, no sign-in, or the server refused it with a 4xx/5xx code): the
                // clerk may try again, and another desk may still answer it. Any other failure (the connection closed
                // after DATA: Angus's code -1) may have come after the server took the message: then everything stays
                // claimed ("check Sent before answering")
                if (!mailclerk.mail.SmtpRefusal.nothingDelivered(e)) throw mayHaveBeenSent(f, mime(reply), action, e);
                if (verdict) journal.pilot().withdrawVerdict(h.get().id(), clerk);
                journal.replies().releaseClerkClaim(messageKey, in.messageId(), journalKey, clerk, answered);
                journal.clerkQueue().releaseClerkAction(action);
                throw e;
            }
            journal.clerkQueue().clerkActionDone(action);
            mailclerk.metrics.Metrics.shared().replySent("clerk");
            try {
                f.appendSent(mime);
            } catch (MessagingException e) {
                log.warn("clerk reply {} sent but not copied to {}: {}", reply.messageId(), folders.sent(),
                        mailclerk.mail.LogText.text(e.getMessage(), 200));
            }
            try {
                f.resolve(uid, folders.answered());
            } catch (MessagingException e) {
                // the reply went out: the clerk must not be told the mail server failed (they would answer again)
                log.warn("clerk={} reply sent, but the message could not be filed in {}: {}{}", clerk, folders.answered(),
                        mailclerk.mail.LogText.text(e.getMessage(), 200), where());
            }
            journal.clerkQueue().releaseClaim(journalKey, key, clerk, true);
            labels.append(topic, in.subject(), Preprocessor.ownWords(in.subject(), in.text()));
            log.info("clerk={} action=send id={} topic={} reply={}{}", clerk, in.logId(), topic, reply.messageId(), where());
            return Outcome.DONE;
        }
    }

    /**
     * The reply may have left (the connection broke after the message was handed over): its copy goes to Sent, so that
     * "check Sent" is true, the clerk's action is over (the message stays in the queue, claimed: no automatic answer
     * follows), and the clerk is told so in words.
     */
    private MessagingException mayHaveBeenSent(ClerkFolder f, MimeMessage mime, long action, MessagingException cause) {
        journal.clerkQueue().clerkActionDone(action);
        if (mime != null) {
            try {
                f.appendSent(mime);
            } catch (MessagingException e) {
                log.warn("a clerk's reply that may have been sent was not copied to {}: {}", folders.sent(),
                        mailclerk.mail.LogText.text(e.getMessage(), 200));
            }
        }
        return new MessagingException("the mail server closed the connection after taking the reply: it may have been "
                + "sent, and a copy is in " + folders.sent() + ". Ask the filer before answering again.", cause);
    }

    private MimeMessage mime(Reply reply) {
        try {
            return outbox.toMime(reply);
        } catch (MessagingException e) {
            return null;
        }
    }

    /** The clerk answered from their own mail client. {@code topic} may be null: then the example is not labelled. */
    public Outcome answeredByHand(String clerk, long uid, String topic) throws MessagingException {
        return resolve(clerk, uid, "answered-by-hand", topic, folders.answered());
    }

    /** Spam, machine mail, nothing to answer: filed in Ignored and labelled "other". */
    /** The approved answers, for previews on the Topics page. */
    public ReplyTemplates templates() {
        return templates;
    }

    public Outcome notAQuestion(String clerk, long uid) throws MessagingException {
        return resolve(clerk, uid, "not-a-question", Topics.OTHER, folders.ignored());
    }

    private Outcome resolve(String clerk, long uid, String action, String topic, String destination) throws MessagingException {
        String t = topic == null || topic.isBlank() ? null : topic;
        if (t != null && !t.equals(Topics.OTHER) && !templates.topics().contains(t) && !t.equals("query-error-pacer-account")) {
            t = null;
        }
        try (ClerkFolder f = ClerkFolder.open(imap, folders)) {
            Optional<FetchedMessage> fetched = f.fetch(uid, limits.maxMessageBytes());
            if (fetched.isEmpty()) return Outcome.GONE;
            IncomingMessage in = read(fetched.get());
            long id = journal.clerkQueue().claimClerkAction(journalKey, key(f, uid), clerk, action, in.messageId(), sender(in), in.subject(), t,
                    t == null ? Double.NaN : suggested(in, t), model.current().metadata().version(), null, null);
            if (id < 0) return Outcome.ALREADY_HANDLED;
            if (action.equals("answered-by-hand")) {
                // answered from a mail client: the message is answered, so no suggested or automatic answer at another
                // desk follows it
                journal.replies().claimForClerk(MessageIdentity.keyOf(in), record(f, uid, in).map(HandledMessage::id).orElse(0L),
                        journalKey, desk.address(), clerk, false);
            }
            judgeDraft(record(f, uid, in), t, clerk, false);
            f.resolve(uid, destination);
            journal.clerkQueue().clerkActionDone(id);
            journal.clerkQueue().releaseClaim(journalKey, key(f, uid), clerk, true);
            if (t != null) labels.append(t, in.subject(), Preprocessor.ownWords(in.subject(), in.text()));
            log.info("clerk={} action={} id={} topic={}{}", clerk, action, in.logId(), t, where());
            return Outcome.DONE;
        }
    }

    /** The journal's record of the message at this UID of this mailbox's clerks' folder. */
    private Optional<HandledMessage> record(ClerkFolder f, long uid, IncomingMessage in) throws MessagingException {
        return journal.messages().filedAt(journalKey, folders.needsClerk(), f.uidValidity(), uid, in.messageId(), sender(in), in.subject());
    }

    /** The topic of a pilot draft that no clerk has judged yet, else null. */
    private String pendingDraft(Optional<HandledMessage> h) {
        return h.isPresent() && h.get().pilotDraft() && h.get().topic() != null && !journal.pilot().hasPilotVerdict(h.get().id())
                ? h.get().topic() : null;
    }

    /** The same text but for line endings and trailing blanks (a browser's textarea changes both). */
    static boolean sameText(String a, String b) {
        return normalized(a).equals(normalized(b));
    }

    private static String normalized(String s) {
        return s.replace("\r\n", "\n").replace('\r', '\n').replaceAll("[ \t]+\n", "\n").strip();
    }

    /**
     * A clerk's action on a pilot draft is their verdict on it. Only a reply sent on the draft's topic confirms the
     * automatic decision; any other answer (another topic, answered by hand, not a question) corrects it, since what
     * went out was not the automatic answer: the pilot report must not count a doubtful case as a success.
     */
    private void judgeDraft(Optional<HandledMessage> h, String clerkTopic, String clerk, boolean sentByUs) {
        String draft = pendingDraft(h);
        if (draft == null) return;
        boolean confirmed = sentByUs && draft.equals(clerkTopic);
        journal.pilot().pilotVerdict(h.get().id(), draft, confirmed, confirmed ? null : clerkTopic, clerk);
    }

    /** The mailbox on a log line, when there are several. */
    private String where() {
        return mailbox.isEmpty() ? "" : " mailbox=" + mailbox;
    }

    private double suggested(IncomingMessage in, String topic) {
        return model.current().predict(Preprocessor.tokens(in.subject(), in.text())).probability(topic);
    }

    private static String sender(IncomingMessage in) {
        return in.firstFrom().map(InternetAddress::getAddress).orElse("");
    }

    private static String key(ClerkFolder f, long uid) throws MessagingException {
        return f.uidValidity() + ":" + uid;
    }

    private IncomingMessage read(FetchedMessage f) throws MessagingException {
        MessageReader reader = new MessageReader(limits);
        return f.tooLarge() ? reader.readHeaderOnly(f.headersOnly(), f.size()) : reader.read(HelpMailbox.parse(f.raw()), f.size());
    }
}
