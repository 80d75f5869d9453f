package mailclerk.respond;

import jakarta.mail.MessagingException;
import jakarta.mail.StoreClosedException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mailclerk.classify.ActiveModel;
import mailclerk.mail.FetchedMessage;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.MailboxKey;
import mailclerk.mail.Outbox;
import mailclerk.mail.ReadLimits;
import mailclerk.mail.ServerSettings;
import mailclerk.metrics.Metrics;
import mailclerk.queue.Fence;
import mailclerk.queue.Journal;
import mailclerk.queue.LeaseLostException;
import mailclerk.queue.Leases;
import mailclerk.queue.MailboxMark;
import mailclerk.queue.StatusFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poll of the help mailbox: fetch what arrived since the last poll, and for each batch {@link DecideStep decide},
 * {@link SendStep send}, {@link FileStep file}. Every step is written to the journal before the next starts; see
 * {@link mailclerk.queue.Stage} for what a crash leaves behind and how the next poll finishes it without a second
 * reply. In a cluster the poll runs only under the mailbox's lease, which it renews as it makes progress; between
 * polls {@link #tendLease} keeps the lease while polls succeed and lets it go when they fail or hang.
 */
public final class Responder {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);
    /**
     * About how many bytes of fetched mail are held at once. The lease is renewed between batches, so a batch must
     * arrive well within a lease even from a slow server: 4 MB take 5 s at 0.8 MB/s (a lease is 20 s).
     */
    private static final long BATCH_BYTES = 4L * 1024 * 1024;

    private final ServerSettings imap;
    private final Folders folders;
    private final ReadLimits limits;
    private final Outbox outbox;
    private final Journal journal;
    private final String mailboxKey;
    private final StatusFile status;
    private final Leases leases;
    private final int giveUpAfterFailures;
    private final DecideStep decideStep;
    private final SendStep sendStep;
    private final FileStep fileStep;
    private final PollHealth health = new PollHealth();
    private volatile boolean stopping;
    /** Each topic's state and approved answer from the Topics page, read again at the start of each poll. */
    private final TopicGate gate;
    /** Where a poll's time went, in nanoseconds: fetch, decide (with its journal writes), send, copy to Sent, file. */
    private final long[] spent = new long[5];

    public Responder(ServerSettings imap, Folders folders, ReadLimits limits, Outbox outbox, HelpDesk desk,
                     Decider decider, ReplyTemplates templates, ActiveModel model, Journal journal,
                     StatusFile status, PilotMode pilot, Leases leases) {
        this(imap, folders, limits, outbox, desk, decider, templates, model, journal, status, pilot, leases, 3);
    }

    /** @param giveUpAfterFailures after this many failed polls in a row the node gives the mailbox's lease up */
    public Responder(ServerSettings imap, Folders folders, ReadLimits limits, Outbox outbox, HelpDesk desk,
                     Decider decider, ReplyTemplates templates, ActiveModel model, Journal journal,
                     StatusFile status, PilotMode pilot, Leases leases, int giveUpAfterFailures) {
        this.imap = imap;
        this.folders = folders;
        this.limits = limits;
        this.outbox = outbox;
        this.journal = journal;
        this.status = status;
        this.leases = leases;
        this.giveUpAfterFailures = Math.max(1, giveUpAfterFailures);
        this.mailboxKey = MailboxKey.of(imap, folders);
        ReplyMaker maker = new ReplyMaker(desk, templates);
        this.gate = new TopicGate(pilot, journal.database() == null ? null : new mailclerk.queue.TopicStore(journal.database()),
                templates);
        // rate limits count this mailbox's replies only; duplicates and our own replies are looked up in every one
        this.decideStep = new DecideStep(journal, decider, model, gate, limits, maker, journal.replies().history(mailboxKey),
                desk.address());
        this.sendStep = new SendStep(journal, outbox, maker, () -> stopping,
                topic -> decider.outOfDate(topic, java.time.Instant.now()), gate::sends);
        this.fileStep = new FileStep(journal, folders);
    }

    public String mailboxKey() {
        return mailboxKey;
    }

    /**
     * Whether this process holds the mailbox's lease now (only the holder keeps an IMAP IDLE on it). Looks only: a
     * check never renews the lease, or a node whose polls hang would keep the mailbox by being asked.
     */
    public boolean holdsLease() {
        return leases == null || leases.current(mailboxKey).isPresent();
    }

    /**
     * Whether this node should keep an IMAP IDLE on the mailbox: it holds the lease, or the lease is free for it to
     * take (its first poll on new mail takes it). Looks only, as {@link #holdsLease}.
     */
    public boolean mayWatch() {
        return holdsLease() || (!stopping && leases.available(mailboxKey));
    }

    /**
     * Asks the poll in progress, and every later one, to stop: replies not yet sent are handed back and wait in the
     * inbox (for the next start, or for another node), what was decided and sent is filed. For a clean shutdown.
     */
    public void stop() {
        stopping = true;
    }

    /** At a clean stop, after the last poll: the lease goes at once, so another node need not wait for it to run out. */
    public void releaseLease() {
        Fence held = health.held();
        if (leases == null || held == null) return;
        try {
            leases.release(held);
            health.leaseGone();
            log.info("mailbox {}: lease released", mailboxKey);
        } catch (RuntimeException e) {
            log.warn("mailbox {}: lease not released ({}); it runs out by itself", mailboxKey, e.getMessage());
        }
    }

    /**
     * Between polls, every few seconds: keeps this node's lease while its polls succeed, lets it run out while they
     * fail or while a poll makes no progress (a silent mail server), and gives it up after {@code giveUpAfterFailures}
     * failed polls in a row, so a healthy node takes the mailbox over. Returns true when the lease is free for this
     * node to take: the caller should poll now (that poll takes it). Never while this node's own polls fail.
     */
    public boolean tendLease() {
        if (leases == null || stopping) return false;
        Fence held = health.held();
        if (health.running()) {
            long quiet = health.nanosSinceProgress();
            if (quiet > leases.ttl().toNanos() && health.reportStall()) {
                String why = "the poll in progress has had no answer from the mail server for " + quiet / 1_000_000_000L
                        + " s, longer than the lease: the lease runs out and another node may take the mailbox over";
                log.warn("mailbox {}: {}", mailboxKey, why);
                status.leaseNote(why);
            }
            return false; // a poll renews its own lease as it makes progress
        }
        if (held != null) {
            if (health.failuresInARow() == 0) {
                if (!leases.renew(held) && health.forget(held)) {
                    log.warn("mailbox {}: lease taken over by another node", mailboxKey);
                    status.lease(mailboxKey, leases.node(), false);
                }
                return false;
            }
            if (health.failuresInARow() >= giveUpAfterFailures) {
                leases.release(held);
                health.gaveUp(held, Instant.now());
                String why = "lease given up after " + health.failuresInARow() + " failed polls in a row, so that another "
                        + "node can poll the mailbox";
                log.warn("mailbox {}: {}", mailboxKey, why);
                status.leaseNote(why);
            }
            return false; // the last poll failed: the lease is not renewed, and runs out unless the next poll succeeds
        }
        // a takeover is for a standby whose own polls work: a node whose polls fail waits for its backoff, as a
        // single node does (the embedded journal has no other node to take over from)
        if (!leases.shared() || health.failuresInARow() > 0) return false;
        return leases.available(mailboxKey);
    }

    /**
     * One poll, when this node holds the mailbox's lease or can take it (else another node polls it, and this returns
     * at once). A poll that loses the lease stops where it is, sending nothing more.
     */
    public synchronized PollResult pollOnce() throws MessagingException {
        List<Outcome> outcomes = new ArrayList<>();
        if (stopping) return new PollResult(outcomes);
        long started = System.nanoTime();
        java.util.Arrays.fill(spent, 0);
        smtpTrouble = false;
        Map<String, Integer> counts;
        try {
            Optional<Fence> fence = takeLease();
            if (fence.isEmpty()) return new PollResult(outcomes);
            counts = pollUnderLease(fence.get(), outcomes);
        } catch (LeaseLostException e) {
            health.leaseGone();
            log.warn("mailbox {}: {} (after {} messages)", mailboxKey, e.getMessage(), outcomes.size());
            return new PollResult(outcomes);
        } catch (MessagingException | RuntimeException e) {
            if (stopping) {
                // the shutdown closed what the poll was using: nothing failed, the rest waits for the next start
                health.pollAbandoned();
                log.info("mailbox {}: poll stopped for shutdown after {} messages ({})", mailboxKey, outcomes.size(),
                        e.getClass().getSimpleName());
                return new PollResult(outcomes);
            }
            health.pollFailed();
            status.pollFailed(Instant.now(), e.getClass().getSimpleName() + ": " + e.getMessage());
            Metrics.shared().pollFailed(mailboxKey, Duration.ofNanos(System.nanoTime() - started));
            throw e;
        } finally {
            outbox.close();
        }
        // only now, with the mail server's connections closed: a server that hangs at LOGOUT or QUIT is no success
        Instant now = Instant.now();
        if (!outcomes.isEmpty()) {
            log.info("poll of {}: {} messages in {} s (fetch {} s, decide {} s, send {} s, copy to {} {} s, file {} s)",
                    mailboxKey, outcomes.size(), secs(System.nanoTime() - started), secs(spent[0]), secs(spent[1]),
                    secs(spent[2]), folders.sent(), secs(spent[3]), secs(spent[4]));
        }
        if (smtpTrouble) {
            // the inbox was read and filed, but replies wait for SMTP: for the lease a failed poll (another node may send)
            health.pollFailed();
            status.pollFailed(now, "SMTP: replies could not be sent; they wait for the next poll");
        } else if (stopping) {
            health.pollAbandoned();
        } else {
            health.pollSucceeded();
        }
        status.pollSucceeded(now, outcomes.size(), counts);
        Metrics.shared().pollSucceeded(mailboxKey, Duration.ofNanos(System.nanoTime() - started), now,
                counts.getOrDefault(folders.needsClerk(), -1));
        return new PollResult(outcomes);
    }

    /** True when a reply of the poll in progress waited because SMTP could not take it. */
    private boolean smtpTrouble;

    /**
     * The lease for this poll: this node's, or taken because it is free; empty when another node holds it, or when
     * this node gave it up a moment ago (others go first for one term). A database error here is a failed poll.
     */
    private Optional<Fence> takeLease() {
        health.pollStarting();
        if (leases == null) {
            health.pollStarted(null);
            return Optional.of(Fence.NONE);
        }
        Instant gaveUp = health.gaveUpAt();
        if (gaveUp != null && Instant.now().isBefore(gaveUp.plus(leases.ttl()))) {
            health.pollAbandoned();
            log.debug("mailbox {}: lease given up a moment ago; other nodes go first", mailboxKey);
            return Optional.empty();
        }
        Optional<Fence> lease = leases.acquire(mailboxKey);
        status.lease(mailboxKey, leases.node(), lease.isPresent());
        if (lease.isEmpty()) {
            health.leaseGone();
            log.debug("mailbox {} is polled by another node", mailboxKey);
            return lease;
        }
        if (health.lastToken() != lease.get().token()) {
            log.info("mailbox {}: lease taken by node {} (token {})", mailboxKey, leases.holder(), lease.get().token());
        }
        health.pollStarted(lease.get());
        return lease;
    }

    /** The poll proper, on one IMAP connection (closed when this returns); the folder counts at its end. */
    private Map<String, Integer> pollUnderLease(Fence fence, List<Outcome> outcomes) throws MessagingException {
        LeaseGuard lease = new LeaseGuard(leases, fence, journal.messages(), health);
        gate.refresh(); // changes made on the Topics page count from this poll on
        try (HelpMailbox mbx = HelpMailbox.open(imap, folders)) {
            lease.progressed(); // the mail server answered: the lease runs a full term from here
            pollBatches(lease, mbx.uidValidity(), mbx, outcomes);
            if (!stopping) lease.progressed();
            try {
                return mbx.counts();
            } catch (MessagingException e) {
                return Map.of();
            }
        }
    }

    /** The new messages in batches, one batch in memory at a time however much mail is waiting; the UID mark after. */
    private void pollBatches(LeaseGuard lease, long uidValidity, HelpMailbox mbx, List<Outcome> outcomes)
            throws MessagingException {
        long lastUid = startingUid(uidValidity);
        List<Long> uids = mbx.uidsAfter(lastUid);
        Map<Long, Long> sizes = mbx.sizes(uids);
        long mark = lastUid;
        boolean gap = false;
        for (List<Long> batch : HelpMailbox.batches(uids, sizes, limits.maxMessageBytes(), BATCH_BYTES)) {
            if (stopping) {
                log.info("mailbox {}: stopping; {} new messages wait for the next start", mailboxKey, uids.size() - outcomes.size());
                break;
            }
            lease.progressed();
            // a topic switched off (or an answer changed) counts from the next batch, not only from the next poll: a
            // backlog after an outage is many batches
            gate.refresh();
            long t = System.nanoTime();
            List<FetchedMessage> fetched = mbx.fetch(batch, sizes, limits.maxMessageBytes());
            spent[0] += System.nanoTime() - t;
            // the batch's own time: decisions of one batch share it, as the rate limits' windows
            Map<Long, Outcome> handled = handleBatch(new PollContext(mailboxKey, lease, uidValidity, Instant.now()), mbx, fetched);
            for (long uid : batch) {
                Outcome o = handled.get(uid); // none: deleted from the inbox before it could be fetched
                if (o != null) outcomes.add(o);
                if (o != null && !o.done()) gap = true;
                if (!gap) mark = uid;
            }
            if (!mbx.connected()) {
                // no reply goes out that cannot be filed: the rest wait for the next poll
                journal.messages().saveMark(lease.fence(), mailboxKey, new MailboxMark(uidValidity, mark));
                throw new StoreClosedException(null, "lost the IMAP connection after " + outcomes.size() + " of "
                        + uids.size() + " new messages; the next poll carries on");
            }
        }
        journal.messages().saveMark(lease.fence(), mailboxKey, new MailboxMark(uidValidity, mark));
    }

    private long startingUid(long uidValidity) {
        Optional<MailboxMark> mark = journal.messages().mark(mailboxKey);
        if (mark.isEmpty()) return 0;
        if (mark.get().uidValidity() != uidValidity) {
            log.warn("mailbox {}: UIDVALIDITY changed from {} to {}; every message still in the inbox is read again, "
                    + "and one already answered (same Message-ID) goes to a clerk instead of a second reply",
                    mailboxKey, mark.get().uidValidity(), uidValidity);
            return 0;
        }
        return mark.get().lastUid();
    }

    /** One batch through the pipeline: decide (and record), send, copy the replies to Sent, file. */
    private Map<Long, Outcome> handleBatch(PollContext ctx, HelpMailbox mbx, List<FetchedMessage> fetched) {
        long t0 = System.nanoTime();
        List<Pending> decided = decideStep.decide(ctx, fetched);
        long t1 = System.nanoTime();
        spent[1] += t1 - t0;
        SendStep.Sent sent = sendStep.send(ctx, mbx, decided);
        if (sent.smtpTrouble()) smtpTrouble = true;
        long t2 = System.nanoTime();
        spent[2] += t2 - t1;
        try {
            mbx.appendSent(sent.copies());
        } catch (MessagingException | RuntimeException e) {
            log.warn("{} replies sent but not copied to {}: {}", sent.copies().size(), folders.sent(),
                    mailclerk.mail.LogText.text(e.getMessage(), 200));
        }
        long t3 = System.nanoTime();
        spent[3] += t3 - t2;
        // the lease went while a reply was on its way: its copy is in Sent; filing is the new holder's
        if (sent.leaseLost()) throw new LeaseLostException(mailboxKey);
        Map<Long, Outcome> outcomes = new LinkedHashMap<>(sent.waiting());
        outcomes.putAll(fileStep.file(ctx, mbx, sent.toFile()));
        spent[4] += System.nanoTime() - t3;
        Map<Long, Outcome> ordered = new LinkedHashMap<>();
        for (FetchedMessage f : fetched) if (outcomes.containsKey(f.uid())) ordered.put(f.uid(), outcomes.get(f.uid()));
        return ordered;
    }

    private static String secs(long nanos) {
        return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
    }
}
