package mailclerk.respond;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.Outbox;
import mailclerk.mail.Reply;
import mailclerk.metrics.Metrics;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.queue.LeaseLostException;
import mailclerk.queue.Messages;
import mailclerk.queue.Replies;
import mailclerk.queue.Stage;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 2 of a batch: the replies go out. Each is claimed first ({@link Replies#claimSending}: stage SENDING, committed
 * with the message's one-reply key, {@value #CLAIM_CHUNK} at a time in one commit), then sent only while the lease is
 * still held, then marked SENT (committed on its own right after SMTP). A claim the database refuses because the same
 * message was answered at another desk turns the message into a flag. Claims not used (the IMAP connection dropped,
 * the node is stopping) are handed back to DECIDED, so only a crash or a lost lease sends a claimed message to a clerk
 * ("may have been sent"), never out twice. A reply is sent only while the inbox is connected: no reply goes out that
 * cannot be filed.
 */
final class SendStep {
    private static final Logger log = LoggerFactory.getLogger(SendStep.class);
    static final int CLAIM_CHUNK = 25;

    private final Journal journal;
    private final Messages messages;
    private final Replies replies;
    private final Outbox outbox;
    private final ReplyMaker maker;
    private final BooleanSupplier stopping;
    /** Whether a topic decided earlier must not be sent now (the before-go-live answer once the court is live). */
    private final java.util.function.Predicate<String> outOfDate;
    /** Whether the topic's reply may still go out automatically (its state on the Topics page, read at this poll). */
    private final java.util.function.Predicate<String> mayStillSend;

    SendStep(Journal journal, Outbox outbox, ReplyMaker maker, BooleanSupplier stopping,
             java.util.function.Predicate<String> outOfDate, java.util.function.Predicate<String> mayStillSend) {
        this.outOfDate = outOfDate;
        this.mayStillSend = mayStillSend;
        this.journal = journal;
        this.messages = journal.messages();
        this.replies = journal.replies();
        this.outbox = outbox;
        this.maker = maker;
        this.stopping = stopping;
    }

    /**
     * What the step leaves: messages to file (with their records as they now stand), replies to copy to Sent, the
     * rest; {@code smtpTrouble}: a reply could not be sent because the SMTP server was unreachable, refused the login
     * or answered "try later" (for the lease, that is a failed poll: another node may be able to send).
     */
    record Sent(List<Pending> toFile, List<MimeMessage> copies, Map<Long, Outcome> waiting, boolean smtpTrouble,
                boolean leaseLost) {
    }

    Sent send(PollContext ctx, HelpMailbox mbx, List<Pending> pending) {
        List<Pending> toFile = new ArrayList<>();
        List<MimeMessage> copies = new ArrayList<>();
        Map<Long, Outcome> waiting = new LinkedHashMap<>();
        Set<Long> claimed = new HashSet<>();
        Set<Long> tried = new HashSet<>();
        boolean[] trouble = {false};
        boolean leaseLost = false;
        try {
            for (int i = 0; i < pending.size(); i++) {
                Pending p = pending.get(i);
                if (!p.waitsForReply()) {
                    toFile.add(p);
                    continue;
                }
                if (!mbx.connected() || stopping.getAsBoolean()) {
                    // a reply that could not be filed is not sent; a stopping node sends nothing more: it waits
                    waiting.put(p.uid(), p.outcome(null, false));
                    continue;
                }
                if (!tried.contains(p.rec().id())) claimNext(ctx, pending, i, claimed, tried);
                if (!claimed.contains(p.rec().id())) {
                    HandledMessage now = find(ctx, p);
                    if (Pending.waitsForReply(now)) waiting.put(p.uid(), p.outcome(null, false));
                    else toFile.add(p.with(now)); // answered at another desk: a flag now
                    continue;
                }
                ctx.lease().progressedRecently();
                ctx.lease().check();
                claimed.remove(p.rec().id()); // from here on it is sent, or its record says why not
                if (outOfDate.test(p.rec().topic())) {
                    // decided before go-live, sent after it (a retry, a poll that stopped): a clerk answers it now
                    replies.notSent(ctx.fence(), p.rec().id(), "decided before the court went live on NextGen: the before "
                            + "answer is out of date now");
                    toFile.add(p.with(find(ctx, p)));
                    continue;
                }
                if (!mayStillSend.test(p.rec().topic())) {
                    // decided while the topic was live, and since switched off, made a draft or given an answer nobody
                    // else approved on the Topics page (a retry, a poll that stopped, the other node): a clerk answers it
                    replies.notSent(ctx.fence(), p.rec().id(), "the topic's state or answer changed on the Topics page "
                            + "after the decision: a clerk answers it");
                    toFile.add(p.with(find(ctx, p)));
                    continue;
                }
                Reply reply = p.reply() != null ? p.reply() : maker.forRecord(p.in(), p.rec());
                MimeMessage mime;
                try {
                    mime = send(ctx, p.rec(), reply, trouble);
                } catch (SentButLeaseLost e) {
                    // it went out, and the new holder will say "may have been sent: check Sent": so it must be in Sent
                    copies.add(e.copy);
                    leaseLost = true;
                    break;
                }
                HandledMessage now = find(ctx, p);
                if (Pending.waitsForReply(now)) {
                    waiting.put(p.uid(), p.with(now).outcome(null, false)); // SMTP unavailable: waits for the next poll
                    continue;
                }
                if (mime != null) copies.add(mime);
                toFile.add(p.with(now));
            }
        } finally {
            handBack(ctx, claimed);
        }
        return new Sent(toFile, copies, waiting, trouble[0], leaseLost);
    }

    private HandledMessage find(PollContext ctx, Pending p) {
        return messages.find(ctx.mailbox(), ctx.uidValidity(), p.uid()).orElseThrow();
    }

    /** Claims the next {@value #CLAIM_CHUNK} replies waiting from {@code from} on, in one commit. */
    private void claimNext(PollContext ctx, List<Pending> pending, int from, Set<Long> claimed, Set<Long> tried) {
        List<Long> next = new ArrayList<>();
        for (int j = from; j < pending.size() && next.size() < CLAIM_CHUNK; j++) {
            HandledMessage r = pending.get(j).rec();
            if (Pending.waitsForReply(r) && !tried.contains(r.id())) next.add(r.id());
        }
        ctx.lease().progressedRecently();
        Map<Long, Replies.Claim> result = replies.claimSending(ctx.fence(), next);
        result.forEach((id, claim) -> {
            if (claim == Replies.Claim.CLAIMED) claimed.add(id);
        });
        tried.addAll(next); // only once committed: a transaction rolled back claimed nothing
        for (Pending p : pending) {
            if (result.get(p.rec().id()) == Replies.Claim.ANSWERED_ELSEWHERE) {
                Metrics.shared().replyRefusedAtClaim();
                log.info("uid={} id={}: the same message was answered at another desk; flagged for a clerk, no second reply",
                        p.uid(), p.in().logId());
            }
        }
    }

    /** Claims that were not used (the connection dropped, or the poll stopped): back to DECIDED, never sent. */
    private void handBack(PollContext ctx, Set<Long> claimed) {
        if (claimed.isEmpty()) return;
        try {
            journal.inTransaction(() -> {
                for (long id : claimed) messages.stage(ctx.fence(), id, Stage.DECIDED);
                return null;
            });
        } catch (RuntimeException e) {
            // the lease is gone: its new holder turns them into flags ("may have been sent"), never into replies
            log.warn("{} claimed replies not sent and not handed back ({}): they go to a clerk", claimed.size(), e.getMessage());
        }
    }

    /** A reply SMTP took, whose SENT could not be recorded because the lease was gone. */
    private static final class SentButLeaseLost extends RuntimeException {
        final transient MimeMessage copy;

        SentButLeaseLost(MimeMessage copy) {
            super(null, null, false, false);
            this.copy = copy;
        }
    }

    /**
     * Sends one claimed reply; SENT is committed after it. Returns the message sent or that may have been sent (for the
     * Sent folder: a flag "may have been sent" tells the clerk to look there), or null when nothing went out: the
     * record then says why (DECIDED again to retry, or turned into a flag).
     */
    static final String MAY_HAVE_BEEN_TAKEN = "an automatic reply may have been sent (the mail server closed the "
            + "connection after the message, without an answer): check Sent and the mail server's log before answering";

    private MimeMessage send(PollContext ctx, HandledMessage rec, Reply reply, boolean[] trouble) {
        MimeMessage mime;
        try {
            mime = outbox.toMime(reply);
        } catch (MessagingException e) {
            replies.notSent(ctx.fence(), rec.id(), "reply could not be built: " + e.getMessage());
            return null;
        }
        try {
            outbox.sendOnOpenConnection(mime, reply.to());
        } catch (MailConnectException e) {
            trouble[0] = true;
            messages.stage(ctx.fence(), rec.id(), Stage.DECIDED);
            log.warn("uid={} SMTP server unreachable ({}): reply not sent, retried next poll", rec.uid(),
                    mailclerk.mail.LogText.text(e.getMessage(), 200));
            return null;
        } catch (SMTPSendFailedException | SMTPAddressFailedException e) {
            int code = mailclerk.mail.SmtpRefusal.refusalCode(e);
            if (code < 0) {
                // no refusal code: the connection closed (typically after the final "." of DATA) or only part was
                // refused; the server may have taken the message, so it is never sent again
                messages.redecideAsFlag(ctx.fence(), rec.id(), MAY_HAVE_BEEN_TAKEN);
                log.warn("uid={} SMTP failed without a refusal code ({}): flagged for a clerk, never resent", rec.uid(),
                        mailclerk.mail.LogText.text(e.getMessage(), 200));
                return mime; // to Sent: the clerk is told to check there
            }
            if (code >= 500) {
                replies.notSent(ctx.fence(), rec.id(), "reply rejected by the mail server (" + code + ")");
                log.warn("uid={} reply rejected by SMTP ({}): flagged for a clerk", rec.uid(), code);
                return null;
            }
            trouble[0] = true;
            messages.stage(ctx.fence(), rec.id(), Stage.DECIDED);
            log.warn("uid={} SMTP answered {} (temporary): reply not sent, retried next poll", rec.uid(), code);
            return null;
        } catch (SendFailedException e) {
            replies.notSent(ctx.fence(), rec.id(), "reply address refused by the mail server");
            return null;
        } catch (MessagingException e) {
            if (e instanceof mailclerk.mail.NotSentException) {
                trouble[0] = true;
                messages.stage(ctx.fence(), rec.id(), Stage.DECIDED);
                log.warn("uid={} SMTP connection failed before sending ({}): reply not sent, retried next poll", rec.uid(),
                        mailclerk.mail.LogText.text(e.getMessage(), 200));
                return null;
            }
            if (e instanceof AuthenticationFailedException) {
                trouble[0] = true;
                messages.stage(ctx.fence(), rec.id(), Stage.DECIDED);
                log.error("uid={} SMTP login failed: reply not sent, retried next poll", rec.uid());
                return null;
            }
            // the connection broke while the message was on its way: it may have been delivered
            messages.redecideAsFlag(ctx.fence(), rec.id(), DecideStep.MAY_HAVE_BEEN_SENT);
            log.warn("uid={} SMTP failed mid-send ({}): flagged for a clerk, never resent", rec.uid(),
                    mailclerk.mail.LogText.text(e.getMessage(), 200));
            return mime; // to Sent: the clerk is told to check there
        }
        try {
            messages.stage(ctx.fence(), rec.id(), Stage.SENT);
        } catch (LeaseLostException e) {
            // sent, and the lease went while SMTP took it: the new holder finds SENDING and flags it "may have been sent"
            log.warn("uid={} reply sent but the lease was lost before it could be recorded: the new holder flags it", rec.uid());
            throw new SentButLeaseLost(mime);
        }
        Metrics.shared().replySent("automatic");
        return mime;
    }
}
