package mailclerk.respond;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.StoreClosedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mailclerk.classify.ActiveModel;
import mailclerk.classify.TopicModel;
import mailclerk.mail.FetchedMessage;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;
import mailclerk.mail.Reply;
import mailclerk.mail.ReplyBuilder;
import mailclerk.mail.ServerSettings;
import mailclerk.mail.Outbox;
import mailclerk.queue.Fence;
import mailclerk.metrics.Metrics;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.LeaseLostException;
import mailclerk.queue.Leases;
import mailclerk.queue.Journal;
import mailclerk.queue.MailboxMark;
import mailclerk.queue.Stage;
import org.eclipse.angus.mail.util.MailConnectException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the help mailbox: fetch what arrived since the last poll, decide, reply or flag or ignore, file.
 * Every step is written to the journal before the next starts; see {@link Stage} for what a crash leaves behind
 * and how the next poll finishes it without a second reply.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);
    /** About how many bytes of fetched mail are held at once. */
    private static final long BATCH_BYTES = 16L * 1024 * 1024;
    static final String MAY_HAVE_BEEN_SENT =
            "an automatic reply may have been sent (the responder stopped while sending): check Sent before answering";

    private final ServerSettings imap;
    private final Folders folders;
    private final ReadLimits limits;
    private final Outbox outbox;
    private final HelpDesk desk;
    private final Decider decider;
    private final ReplyTemplates templates;
    private final ActiveModel model;
    private final Journal journal;
    private final String mailboxKey;
    /** Rate limits count this mailbox's replies only; duplicates and our own replies are looked up in every one. */
    private final mailclerk.queue.ReplyHistory history;
    private final mailclerk.queue.StatusFile status;
    private final PilotMode pilot;
    private final Leases leases;
    /** The lease of the poll in progress (polls of one responder never overlap: {@link #pollOnce} is synchronized). */
    private Fence fence = Fence.NONE;

    public Responder(ServerSettings imap, Folders folders, ReadLimits limits, Outbox outbox, HelpDesk desk,
                     Decider decider, ReplyTemplates templates, ActiveModel model, Journal journal,
                     mailclerk.queue.StatusFile status, PilotMode pilot, Leases leases) {
        this.status = status;
        this.pilot = pilot;
        this.leases = leases;
        this.imap = imap;
        this.folders = folders;
        this.limits = limits;
        this.outbox = outbox;
        this.desk = desk;
        this.decider = decider;
        this.templates = templates;
        this.model = model;
        this.journal = journal;
        this.mailboxKey = mailclerk.mail.MailboxKey.of(imap, folders);
        this.history = journal.replyHistory(mailboxKey);
    }

    public String mailboxKey() {
        return mailboxKey;
    }

    /** Whether this node holds (or has just taken) the mailbox's lease: only the holder keeps an IMAP IDLE on it. */
    public boolean holdsLease() {
        return leases == null || leases.acquire(mailboxKey).isPresent();
    }

    /**
     * One poll, when this node holds the mailbox's lease (else another node polls it, and this returns at once).
     * The lease is renewed before each message; a poll that loses it stops where it is, sending nothing more.
     */
    public synchronized PollResult pollOnce() throws MessagingException {
        long started = System.nanoTime();
        List<Outcome> outcomes = new ArrayList<>();
        if (leases != null) {
            Optional<Fence> lease = leases.acquire(mailboxKey);
            status.lease(mailboxKey, leases.node(), lease.isPresent());
            if (lease.isEmpty()) {
                log.debug("mailbox {} is polled by another node", mailboxKey);
                return new PollResult(outcomes);
            }
            fence = lease.get();
        }
        try (HelpMailbox mbx = HelpMailbox.open(imap, folders)) {
            long uidValidity = mbx.uidValidity();
            long lastUid = startingUid(uidValidity);
            List<Long> uids = mbx.uidsAfter(lastUid);
            Map<Long, Long> sizes = mbx.sizes(uids);
            long mark = lastUid;
            boolean gap = false;
            // one batch in memory at a time, however much mail is waiting
            for (List<Long> batch : HelpMailbox.batches(uids, sizes, limits.maxMessageBytes(), BATCH_BYTES)) {
                List<FetchedMessage> fetched = mbx.fetch(batch, sizes, limits.maxMessageBytes());
                int i = 0;
                for (long uid : batch) {
                    if (leases != null && !leases.renew(fence)) throw new LeaseLostException(mailboxKey);
                    FetchedMessage f = i < fetched.size() && fetched.get(i).uid() == uid ? fetched.get(i++) : null;
                    boolean done = true;
                    if (f != null) {
                        Outcome o = handle(mbx, uidValidity, f);
                        outcomes.add(o);
                        done = o.done();
                    }
                    if (!done) gap = true;
                    if (!gap) mark = uid;
                    if (!mbx.connected()) {
                        // no reply goes out that cannot be filed: the rest wait for the next poll
                        journal.saveMark(mailboxKey, new MailboxMark(uidValidity, mark));
                        throw new StoreClosedException(null, "lost the IMAP connection after " + outcomes.size() + " of "
                                + uids.size() + " new messages; the next poll carries on");
                    }
                }
            }
            if (leases == null || leases.renew(fence)) journal.saveMark(mailboxKey, new MailboxMark(uidValidity, mark));
            Map<String, Integer> counts;
            try {
                counts = mbx.counts();
            } catch (MessagingException e) {
                counts = Map.of();
            }
            Instant now = Instant.now();
            status.pollSucceeded(now, outcomes.size(), counts);
            Metrics.shared().pollSucceeded(mailboxKey, java.time.Duration.ofNanos(System.nanoTime() - started), now,
                    counts.getOrDefault(folders.needsClerk(), -1));
            return new PollResult(outcomes);
        } catch (LeaseLostException e) {
            log.warn("mailbox {}: {} (after {} messages)", mailboxKey, e.getMessage(), outcomes.size());
            return new PollResult(outcomes);
        } catch (MessagingException | RuntimeException e) {
            status.pollFailed(Instant.now(), e.getClass().getSimpleName() + ": " + e.getMessage());
            Metrics.shared().pollFailed(mailboxKey, java.time.Duration.ofNanos(System.nanoTime() - started));
            throw e;
        } finally {
            fence = Fence.NONE;
            outbox.close();
        }
    }

    private long startingUid(long uidValidity) {
        Optional<MailboxMark> mark = journal.mark(mailboxKey);
        if (mark.isEmpty()) return 0;
        if (mark.get().uidValidity() != uidValidity) {
            log.warn("mailbox {}: UIDVALIDITY changed from {} to {}; every message still in the inbox is read again, "
                    + "and one already answered (same Message-ID) goes to a clerk instead of a second reply",
                    mailboxKey, mark.get().uidValidity(), uidValidity);
            return 0;
        }
        return mark.get().lastUid();
    }

    private Outcome handle(HelpMailbox mbx, long uidValidity, FetchedMessage f) {
        IncomingMessage in = read(f);
        Optional<HandledMessage> seen = journal.find(mailboxKey, uidValidity, f.uid());
        HandledMessage rec = seen.orElseGet(() -> journal.received(fence, mailboxKey, uidValidity, f.uid(), in.messageId(),
                in.firstFrom().map(InternetAddress::getAddress).orElse(""), in.subject()));
        Reply reply = null;
        switch (rec.stage()) {
            case RECEIVED -> {
                Decision d = pilot.apply(decide(in));
                if (d.action() == Action.REPLY) reply = buildReply(in, d, null);
                journal.decided(fence, rec.id(), d.action().id(), d.topic(), d.confidence(), d.reason(), d.modelVersion(),
                        d.recipient(), reply == null ? null : reply.messageId(), d.draft());
                rec = journal.find(mailboxKey, uidValidity, f.uid()).orElseThrow();
            }
            case SENDING -> {
                journal.redecideAsFlag(fence, rec.id(), MAY_HAVE_BEEN_SENT);
                rec = journal.find(mailboxKey, uidValidity, f.uid()).orElseThrow();
                log.warn("uid={} id={} was being answered when the responder stopped: flagged for a clerk", f.uid(), in.logId());
            }
            default -> {
                // DECIDED, SENT, FILED: carry on from there
            }
        }
        if (rec.stage() == Stage.DECIDED && "reply".equals(rec.action())) {
            if (reply == null) reply = buildReply(in, null, rec);
            if (!send(mbx, rec, reply)) {
                rec = journal.find(mailboxKey, uidValidity, f.uid()).orElseThrow();
                if (rec.stage() == Stage.DECIDED && "reply".equals(rec.action())) {
                    return outcome(f, rec, null, false); // SMTP unavailable: the message waits in the inbox
                }
            } else {
                rec = journal.find(mailboxKey, uidValidity, f.uid()).orElseThrow();
            }
        }
        if (rec.stage() == Stage.FILED) {
            refile(mbx, rec, f);
            return outcome(f, rec, rec.folder(), true);
        }
        String folder = switch (rec.action()) {
            case "reply" -> folders.answered();
            case "ignore" -> folders.ignored();
            default -> folders.needsClerk();
        };
        return file(mbx, rec, f, folder);
    }

    private IncomingMessage read(FetchedMessage f) {
        MessageReader reader = new MessageReader(limits);
        try {
            if (f.tooLarge()) {
                return reader.readHeaderOnly(f.headersOnly(), f.size());
            }
            return reader.read(HelpMailbox.parse(f.raw()), f.size());
        } catch (MessagingException | RuntimeException e) {
            try {
                return reader.read(HelpMailbox.parse(new byte[0]), f.size()).withProblem("too large or unreadable: " + e.getClass().getSimpleName());
            } catch (MessagingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private Decision decide(IncomingMessage in) {
        TopicModel m = model.current();
        try {
            return decider.decide(in, m, history, Instant.now());
        } catch (RuntimeException e) {
            log.warn("id={} could not be decided ({}): flagged", in.logId(), e.toString());
            return new Decision(Action.FLAG, null, 0, "could not be read: " + e.getClass().getSimpleName(), List.of(), null,
                    m.metadata().version());
        }
    }

    private Reply buildReply(IncomingMessage in, Decision d, HandledMessage rec) {
        String topic = d != null ? d.topic() : rec.topic();
        String to = d != null ? d.recipient() : rec.replyTo();
        String body = templates.render(topic, FilerName.of(in.fromName()));
        Reply r = ReplyBuilder.reply(in, ReplyBuilder.named(desk.address(), desk.displayName()),
                ReplyBuilder.singleAddress(to), body, true);
        if (rec != null && rec.replyMessageId() != null) {
            r = new Reply(r.from(), r.to(), r.subject(), r.body(), rec.replyMessageId(), r.inReplyTo(), r.references(), true);
        }
        return r;
    }

    /** Returns true when the reply went out (or cannot go out and the message was turned into a flag). */
    private boolean send(HelpMailbox mbx, HandledMessage rec, Reply reply) {
        MimeMessage mime;
        try {
            mime = outbox.toMime(reply);
        } catch (MessagingException e) {
            journal.redecideAsFlag(fence, rec.id(), "reply could not be built: " + e.getMessage());
            return true;
        }
        // claimed with the lease: a node that lost its mailbox to another stops here, before SMTP
        if (!journal.claimSending(fence, rec.id())) return true;
        try {
            outbox.sendOnOpenConnection(mime, reply.to());
        } catch (MailConnectException e) {
            journal.stage(fence, rec.id(), Stage.DECIDED);
            log.warn("uid={} SMTP server unreachable ({}): reply not sent, retried next poll", rec.uid(), e.getMessage());
            return false;
        } catch (SMTPSendFailedException | SMTPAddressFailedException e) {
            int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : ((SMTPAddressFailedException) e).getReturnCode();
            journal.stage(fence, rec.id(), Stage.DECIDED);
            if (code >= 500) {
                journal.redecideAsFlag(fence, rec.id(), "reply rejected by the mail server (" + code + ")");
                log.warn("uid={} reply rejected by SMTP ({}): flagged for a clerk", rec.uid(), code);
                return true;
            }
            log.warn("uid={} SMTP answered {} (temporary): reply not sent, retried next poll", rec.uid(), code);
            return false;
        } catch (SendFailedException e) {
            journal.stage(fence, rec.id(), Stage.DECIDED);
            journal.redecideAsFlag(fence, rec.id(), "reply address refused by the mail server");
            return true;
        } catch (MessagingException e) {
            if (e instanceof jakarta.mail.AuthenticationFailedException) {
                journal.stage(fence, rec.id(), Stage.DECIDED);
                log.error("uid={} SMTP login failed: reply not sent, retried next poll", rec.uid());
                return false;
            }
            // the connection broke while the message was on its way: it may have been delivered
            journal.redecideAsFlag(fence, rec.id(), MAY_HAVE_BEEN_SENT);
            log.warn("uid={} SMTP failed mid-send ({}): flagged for a clerk, never resent", rec.uid(), e.getMessage());
            return true;
        }
        journal.stage(fence, rec.id(), Stage.SENT);
        Metrics.shared().replySent("automatic");
        try {
            mbx.appendSent(mime);
        } catch (MessagingException | RuntimeException e) {
            log.warn("uid={} reply sent but not copied to {}: {}", rec.uid(), folders.sent(), e.getMessage());
        }
        return true;
    }

    private Outcome file(HelpMailbox mbx, HandledMessage rec, FetchedMessage f, String folder) {
        List<String> keywords = new ArrayList<>();
        keywords.add("mailclerk-" + rec.action());
        if (rec.pilotDraft()) keywords.add("mailclerk-draft");
        if (rec.topic() != null) keywords.add("mailclerk-topic-" + rec.topic());
        try {
            mailclerk.mail.Filed filed = mbx.file(f.uid(), folder, "flag".equals(rec.action()), keywords);
            journal.filed(fence, rec.id(), filed.present() ? folder : "(gone from the inbox)", filed.uidValidity(), filed.uid());
            Metrics.shared().messageHandled(rec.action(), rec.topic());
            Outcome o = outcome(f, rec, folder, true);
            log.info("uid={} id={} action={} topic={} confidence={} folder={} reason={}", f.uid(), rec.messageId(),
                    rec.action(), rec.topic(), String.format(Locale.ROOT, "%.2f", rec.confidence()), folder, rec.reason());
            return o;
        } catch (MessagingException e) {
            log.warn("uid={} could not be filed in {} ({}): retried next poll", f.uid(), folder, e.getMessage());
            return outcome(f, rec, null, false);
        }
    }

    private void refile(HelpMailbox mbx, HandledMessage rec, FetchedMessage f) {
        if (rec.folder() == null || rec.folder().startsWith("(")) return;
        try {
            mbx.file(f.uid(), rec.folder(), "flag".equals(rec.action()), List.of());
        } catch (MessagingException e) {
            log.warn("uid={} already filed but still in the inbox; could not move it again: {}", f.uid(), e.getMessage());
        }
    }

    private static Outcome outcome(FetchedMessage f, HandledMessage rec, String folder, boolean done) {
        return new Outcome(f.uid(), rec.messageId(), rec.action(), rec.topic(), rec.confidence(), rec.reason(), folder,
                rec.replyTo(), done);
    }
}
