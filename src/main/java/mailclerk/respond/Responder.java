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
    private long renewedAt;
    /** Where a poll's time went, in nanoseconds: fetch, decide (with its journal writes), send, copy to Sent, file. */
    private final long[] spent = new long[5];
    /** A lease is renewed at least this often during a long batch (leases last 15 s or more). */
    private static final long RENEW_NANOS = 3_000_000_000L;

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
        java.util.Arrays.fill(spent, 0);
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
                renewLease();
                long t = System.nanoTime();
                List<FetchedMessage> fetched = mbx.fetch(batch, sizes, limits.maxMessageBytes());
                spent[0] += System.nanoTime() - t;
                Map<Long, Outcome> handled = handleBatch(mbx, uidValidity, fetched);
                for (long uid : batch) {
                    Outcome o = handled.get(uid); // none: deleted from the inbox before it could be fetched
                    if (o != null) outcomes.add(o);
                    if (o != null && !o.done()) gap = true;
                    if (!gap) mark = uid;
                }
                if (!mbx.connected()) {
                    // no reply goes out that cannot be filed: the rest wait for the next poll
                    journal.saveMark(mailboxKey, new MailboxMark(uidValidity, mark));
                    throw new StoreClosedException(null, "lost the IMAP connection after " + outcomes.size() + " of "
                            + uids.size() + " new messages; the next poll carries on");
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
            if (!outcomes.isEmpty()) {
                log.info("poll of {}: {} messages in {} s (fetch {} s, decide {} s, send {} s, copy to {} {} s, file {} s)",
                        mailboxKey, outcomes.size(), secs(System.nanoTime() - started), secs(spent[0]), secs(spent[1]),
                        secs(spent[2]), folders.sent(), secs(spent[3]), secs(spent[4]));
            }
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

    /** Renews the lease (once per batch, and before a reply when a batch runs long); stops the poll when it is lost. */
    private void renewLease() {
        if (leases == null) return;
        if (!leases.renew(fence)) throw new LeaseLostException(mailboxKey);
        renewedAt = System.nanoTime();
    }

    private void renewLeaseIfOld() {
        if (leases != null && System.nanoTime() - renewedAt > RENEW_NANOS) renewLease();
    }

    /** A message of the batch on its way: what was read, and its journal record as it stands. */
    private record Pending(FetchedMessage fetched, IncomingMessage in, HandledMessage rec, Reply reply) {
    }

    /**
     * One batch, in three steps. (1) Every message is recorded and decided, committed together: a crash before the
     * commit leaves none of them recorded, and the next poll decides them again. (2) Replies are claimed (SENDING,
     * committed, 25 at a time) before SMTP, and each is marked SENT (committed) after it, one by one. (3) The batch is filed with
     * one command per folder, and FILED committed together: a crash before that commit leaves messages filed whose
     * record says DECIDED or SENT, which the next poll never sees again in the inbox and never answers.
     */
    private Map<Long, Outcome> handleBatch(HelpMailbox mbx, long uidValidity, List<FetchedMessage> fetched) {
        BatchHistory history = new BatchHistory(this.history);
        long t0 = System.nanoTime();
        Instant now = Instant.now();
        // read and decide every message ahead, on all cores; each decision is checked against the history in turn
        List<Ahead> ahead = fetched.parallelStream().map(f -> decideAhead(f, now)).toList();
        List<Pending> pending = journal.inTransaction(() -> {
            List<Pending> out = new ArrayList<>();
            for (Ahead a : ahead) out.add(record(uidValidity, a, history, now));
            return out;
        });
        long t1 = System.nanoTime();
        spent[1] += t1 - t0;
        Map<Long, Outcome> outcomes = new java.util.LinkedHashMap<>();
        List<MimeMessage> sent = new ArrayList<>();
        List<Pending> toFile = new ArrayList<>();
        // replies are claimed (SENDING) 25 at a time in one commit, with the lease; each is sent only while the lease
        // is still held, and a claim not used is handed back, so only a crash sends claimed messages to a clerk
        java.util.Set<Long> claimed = new java.util.HashSet<>();
        java.util.Set<Long> claimTried = new java.util.HashSet<>();
        try {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                HandledMessage rec = p.rec();
                if (waitsForReply(rec) && !claimTried.contains(rec.id()) && mbx.connected()) {
                    claimNext(pending, i, claimed, claimTried);
                }
                if (waitsForReply(rec)) {
                    if (!claimed.contains(rec.id())) {
                        rec = journal.find(mailboxKey, uidValidity, p.fetched().uid()).orElseThrow();
                        if (waitsForReply(rec)) {
                            // the IMAP connection is gone: a reply that could not be filed is not sent; it waits
                            outcomes.put(p.fetched().uid(), outcome(p.fetched(), rec, null, false));
                            continue;
                        }
                    } else {
                        if (!mbx.connected()) continue; // handed back below; waits for the next poll
                        renewLeaseIfOld();
                        if (!journal.holdsLease(fence)) throw new LeaseLostException(mailboxKey);
                        claimed.remove(rec.id());
                        Reply reply = p.reply() != null ? p.reply() : buildReply(p.in(), null, rec);
                        MimeMessage mime = send(rec, reply);
                        rec = journal.find(mailboxKey, uidValidity, p.fetched().uid()).orElseThrow();
                        if (waitsForReply(rec)) {
                            outcomes.put(p.fetched().uid(), outcome(p.fetched(), rec, null, false)); // SMTP unavailable: waits
                            continue;
                        }
                        if (mime != null) sent.add(mime);
                    }
                }
                toFile.add(new Pending(p.fetched(), p.in(), rec, null));
            }
        } finally {
            handBack(claimed);
        }
        java.util.Set<Long> filing = new java.util.HashSet<>();
        for (Pending t : toFile) filing.add(t.fetched().uid());
        for (Pending p : pending) {
            // a reply handed back: not sent, waits in the inbox for the next poll
            if (!outcomes.containsKey(p.fetched().uid()) && !filing.contains(p.fetched().uid())) {
                outcomes.put(p.fetched().uid(), outcome(p.fetched(), p.rec(), null, false));
            }
        }
        long t2 = System.nanoTime();
        spent[2] += t2 - t1;
        try {
            mbx.appendSent(sent);
        } catch (MessagingException | RuntimeException e) {
            log.warn("{} replies sent but not copied to {}: {}", sent.size(), folders.sent(), e.getMessage());
        }
        long t3 = System.nanoTime();
        spent[3] += t3 - t2;
        outcomes.putAll(file(mbx, toFile));
        spent[4] += System.nanoTime() - t3;
        Map<Long, Outcome> ordered = new java.util.LinkedHashMap<>();
        for (FetchedMessage f : fetched) if (outcomes.containsKey(f.uid())) ordered.put(f.uid(), outcomes.get(f.uid()));
        return ordered;
    }

    private static final int CLAIM_CHUNK = 25;

    /** Claims the next {@value #CLAIM_CHUNK} replies waiting from {@code from} on, in one commit. */
    private void claimNext(List<Pending> pending, int from, java.util.Set<Long> claimed, java.util.Set<Long> tried) {
        List<Long> next = new ArrayList<>();
        for (int j = from; j < pending.size() && next.size() < CLAIM_CHUNK; j++) {
            HandledMessage r = pending.get(j).rec();
            if (waitsForReply(r) && !tried.contains(r.id())) next.add(r.id());
        }
        renewLeaseIfOld();
        journal.inTransaction(() -> {
            for (long id : next) if (journal.claimSending(fence, id)) claimed.add(id);
            return null;
        });
        tried.addAll(next); // only once committed: a transaction rolled back claimed nothing
    }

    private static boolean waitsForReply(HandledMessage rec) {
        return rec.stage() == Stage.DECIDED && "reply".equals(rec.action());
    }

    /** Claims that were not used (the connection dropped, or the poll stopped): back to DECIDED, never sent. */
    private void handBack(java.util.Set<Long> claimed) {
        if (claimed.isEmpty()) return;
        try {
            journal.inTransaction(() -> {
                for (long id : claimed) journal.stage(fence, id, Stage.DECIDED);
                return null;
            });
        } catch (RuntimeException e) {
            // the lease is gone: its new holder turns them into flags ("may have been sent"), never into replies
            log.warn("{} claimed replies not sent and not handed back ({}): they go to a clerk", claimed.size(), e.getMessage());
        }
    }

    /** A message read, and decided as if nothing had been sent (what that decision asked of the history is kept). */
    private record Ahead(FetchedMessage fetched, IncomingMessage in, Decision decision, SpeculativeHistory asked) {
    }

    private Ahead decideAhead(FetchedMessage f, Instant now) {
        IncomingMessage in = read(f);
        SpeculativeHistory asked = new SpeculativeHistory();
        return new Ahead(f, in, pilot.apply(decide(in, asked, now)), asked);
    }

    /** Step 1 for one message: its record, and the decision for a message not decided yet. */
    private Pending record(long uidValidity, Ahead ahead, BatchHistory history, Instant now) {
        FetchedMessage f = ahead.fetched();
        IncomingMessage in = ahead.in();
        Optional<HandledMessage> seen = journal.find(mailboxKey, uidValidity, f.uid());
        HandledMessage rec = seen.orElseGet(() -> journal.received(fence, mailboxKey, uidValidity, f.uid(), in.messageId(),
                in.firstFrom().map(InternetAddress::getAddress).orElse(""), in.subject()));
        Reply reply = null;
        switch (rec.stage()) {
            case RECEIVED -> {
                Decision d = ahead.asked().agreesWith(history) ? ahead.decision() : pilot.apply(decide(in, history, now));
                if (d.action() == Action.REPLY) {
                    reply = buildReply(in, d, null);
                    history.decidedReply(in.messageId(), d.recipient(), d.topic());
                }
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
        return new Pending(f, in, rec, reply);
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

    private Decision decide(IncomingMessage in, mailclerk.queue.ReplyHistory history, Instant now) {
        TopicModel m = model.current();
        try {
            return decider.decide(in, m, history, now);
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

    /**
     * Sends one reply, already claimed (SENDING committed before SMTP); SENT is committed after it. Returns the message sent (for the Sent folder), or
     * null when nothing went out: the record then says why (DECIDED again to retry, or turned into a flag).
     */
    private MimeMessage send(HandledMessage rec, Reply reply) {
        MimeMessage mime;
        try {
            mime = outbox.toMime(reply);
        } catch (MessagingException e) {
            journal.redecideAsFlag(fence, rec.id(), "reply could not be built: " + e.getMessage());
            return null;
        }
        try {
            outbox.sendOnOpenConnection(mime, reply.to());
        } catch (MailConnectException e) {
            journal.stage(fence, rec.id(), Stage.DECIDED);
            log.warn("uid={} SMTP server unreachable ({}): reply not sent, retried next poll", rec.uid(), e.getMessage());
            return null;
        } catch (SMTPSendFailedException | SMTPAddressFailedException e) {
            int code = e instanceof SMTPSendFailedException s ? s.getReturnCode() : ((SMTPAddressFailedException) e).getReturnCode();
            journal.stage(fence, rec.id(), Stage.DECIDED);
            if (code >= 500) {
                journal.redecideAsFlag(fence, rec.id(), "reply rejected by the mail server (" + code + ")");
                log.warn("uid={} reply rejected by SMTP ({}): flagged for a clerk", rec.uid(), code);
                return null;
            }
            log.warn("uid={} SMTP answered {} (temporary): reply not sent, retried next poll", rec.uid(), code);
            return null;
        } catch (SendFailedException e) {
            journal.stage(fence, rec.id(), Stage.DECIDED);
            journal.redecideAsFlag(fence, rec.id(), "reply address refused by the mail server");
            return null;
        } catch (MessagingException e) {
            if (e instanceof jakarta.mail.AuthenticationFailedException) {
                journal.stage(fence, rec.id(), Stage.DECIDED);
                log.error("uid={} SMTP login failed: reply not sent, retried next poll", rec.uid());
                return null;
            }
            // the connection broke while the message was on its way: it may have been delivered
            journal.redecideAsFlag(fence, rec.id(), MAY_HAVE_BEEN_SENT);
            log.warn("uid={} SMTP failed mid-send ({}): flagged for a clerk, never resent", rec.uid(), e.getMessage());
            return null;
        }
        journal.stage(fence, rec.id(), Stage.SENT);
        Metrics.shared().replySent("automatic");
        return mime;
    }

    /** Step 3: the batch filed, a few IMAP commands for all of it, and FILED committed together. */
    private Map<Long, Outcome> file(HelpMailbox mbx, List<Pending> batch) {
        Map<Long, Outcome> outcomes = new java.util.LinkedHashMap<>();
        List<mailclerk.mail.Filing> filings = new ArrayList<>();
        for (Pending p : batch) {
            HandledMessage rec = p.rec();
            if (rec.stage() == Stage.FILED) {
                // filed before, yet still in the inbox (the move was lost): moved again, keywords already set
                if (rec.folder() != null && !rec.folder().startsWith("(")) {
                    filings.add(new mailclerk.mail.Filing(rec.uid(), rec.folder(), "flag".equals(rec.action()), List.of()));
                }
                outcomes.put(rec.uid(), outcome(p.fetched(), rec, rec.folder(), true));
                continue;
            }
            List<String> keywords = new ArrayList<>();
            keywords.add("mailclerk-" + rec.action());
            if (rec.pilotDraft()) keywords.add("mailclerk-draft");
            if (rec.topic() != null) keywords.add("mailclerk-topic-" + rec.topic());
            filings.add(new mailclerk.mail.Filing(rec.uid(), folderFor(rec), "flag".equals(rec.action()), keywords));
        }
        Map<Long, String> failures = new java.util.HashMap<>();
        Map<Long, mailclerk.mail.Filed> filed;
        try {
            filed = mbx.file(filings, failures);
        } catch (MessagingException e) {
            log.warn("{} messages could not be filed ({}): retried next poll", filings.size(), e.getMessage());
            filed = Map.of();
            for (mailclerk.mail.Filing f : filings) failures.putIfAbsent(f.uid(), e.getMessage());
        }
        Map<Long, mailclerk.mail.Filed> landed = filed;
        journal.inTransaction(() -> {
            for (Pending p : batch) {
                HandledMessage rec = p.rec();
                if (rec.stage() == Stage.FILED) continue;
                mailclerk.mail.Filed where = landed.get(rec.uid());
                if (where == null) continue;
                String folder = folderFor(rec);
                journal.filed(fence, rec.id(), where.present() ? folder : "(gone from the inbox)", where.uidValidity(), where.uid());
            }
            return null;
        });
        for (Pending p : batch) {
            HandledMessage rec = p.rec();
            if (rec.stage() == Stage.FILED) continue;
            String folder = folderFor(rec);
            if (failures.containsKey(rec.uid()) || !landed.containsKey(rec.uid())) {
                log.warn("uid={} could not be filed in {} ({}): retried next poll", rec.uid(), folder,
                        failures.getOrDefault(rec.uid(), "no answer"));
                outcomes.put(rec.uid(), outcome(p.fetched(), rec, null, false));
                continue;
            }
            Metrics.shared().messageHandled(rec.action(), rec.topic());
            outcomes.put(rec.uid(), outcome(p.fetched(), rec, folder, true));
            log.info("uid={} id={} action={} topic={} confidence={} folder={} reason={}", rec.uid(), rec.messageId(),
                    rec.action(), rec.topic(), String.format(Locale.ROOT, "%.2f", rec.confidence()), folder, rec.reason());
        }
        return outcomes;
    }

    private String folderFor(HandledMessage rec) {
        return switch (rec.action()) {
            case "reply" -> folders.answered();
            case "ignore" -> folders.ignored();
            default -> folders.needsClerk();
        };
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }

    private static Outcome outcome(FetchedMessage f, HandledMessage rec, String folder, boolean done) {
        return new Outcome(f.uid(), rec.messageId(), rec.action(), rec.topic(), rec.confidence(), rec.reason(), folder,
                rec.replyTo(), done);
    }
}
