package mailclerk.respond;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mailclerk.classify.ActiveModel;
import mailclerk.classify.TopicModel;
import mailclerk.mail.FetchedMessage;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.MessageReader;
import mailclerk.mail.ReadLimits;
import mailclerk.mail.Reply;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.queue.Messages;
import mailclerk.queue.ReplyHistory;
import mailclerk.queue.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 1 of a batch: every message read and decided, then recorded. Reading and deciding happen outside any database
 * transaction (on all cores, a chunk at a time: each message is decided ahead with a history that knows the batch's
 * earlier chunks and records what it was asked, and in its turn those answers are checked against the real history,
 * replies decided earlier in the batch included; any difference and it is decided again, so the result is that of
 * deciding one message after another). Only then are the records written, in one short transaction of database work
 * alone: a crash before its commit leaves none of them recorded and the next poll decides them again; a node that
 * freezes inside it holds its rows for no longer than the database's idle-in-transaction timeout.
 */
final class DecideStep {
    private static final Logger log = LoggerFactory.getLogger(DecideStep.class);
    static final String MAY_HAVE_BEEN_SENT =
            "an automatic reply may have been sent (the responder stopped while sending): check Sent before answering";

    private final Journal journal;
    private final Messages messages;
    private final Decider decider;
    private final ActiveModel model;
    private final TopicGate pilot;
    private final ReadLimits limits;
    private final ReplyMaker replies;
    private final ReplyHistory history;
    private final String desk;

    DecideStep(Journal journal, Decider decider, ActiveModel model, TopicGate pilot, ReadLimits limits, ReplyMaker replies,
               ReplyHistory history, String desk) {
        this.journal = journal;
        this.messages = journal.messages();
        this.decider = decider;
        this.model = model;
        this.pilot = pilot;
        this.limits = limits;
        this.replies = replies;
        this.history = history;
        this.desk = desk;
    }

    /** A message read, and decided as if nothing had been sent (what that decision asked of the history is kept). */
    private record Ahead(FetchedMessage fetched, IncomingMessage in, Decision decision, SpeculativeHistory asked) {
    }

    /** A message with its record as found before the write, and the decision to record (null: nothing to decide). */
    private record Decided(Ahead ahead, Optional<HandledMessage> seen, Decision decision, Reply reply) {
    }

    static final int DECIDE_CHUNK = 16;

    List<Pending> decide(PollContext ctx, List<FetchedMessage> fetched) {
        // decided on every core, a few at a time: between chunks the lease is renewed, so that a batch of slow
        // messages (the embedding reader reads each request) cannot outlast it and hand the mailbox to a standby. Each
        // chunk is decided ahead knowing the decisions of the chunks before it (a filer's second copy is refused by the
        // rate limit ahead, before the reader is asked), then checked in turn.
        BatchHistory batch = new BatchHistory(history, desk);
        List<Decided> decided = new ArrayList<>();
        for (int from = 0; from < fetched.size(); from += DECIDE_CHUNK) {
            ReplyHistory soFar = batch.decidedSoFar();
            List<Ahead> ahead = fetched.subList(from, Math.min(fetched.size(), from + DECIDE_CHUNK)).parallelStream()
                    .map(f -> decideAhead(f, soFar, ctx.now())).toList();
            ctx.lease().progressedRecently();
            for (Ahead a : ahead) decided.add(inTurn(ctx, a, batch));
        }
        return journal.inTransaction(() -> {
            List<Pending> out = new ArrayList<>();
            for (Decided d : decided) out.add(record(ctx, d));
            return out;
        });
    }

    /** The message decided in its turn: its decision ahead if the real history gives the same answers, else again. */
    private Decided inTurn(PollContext ctx, Ahead a, BatchHistory batch) {
        Optional<HandledMessage> seen = messages.find(ctx.mailbox(), ctx.uidValidity(), a.fetched().uid());
        if (seen.isPresent() && seen.get().stage() != Stage.RECEIVED) {
            return new Decided(a, seen, null, null); // decided before: carry on from its stage
        }
        Decision d;
        if (a.asked().agreesWith(batch)) {
            d = a.decision();
        } else {
            d = pilot.apply(decide(a.in(), batch, ctx.now())); // decided again in turn, one at a time
            ctx.lease().progressedRecently();
        }
        if (d.action() == Action.FLAG) batch.decidedFlag(a.in().messageId());
        Reply reply = null;
        if (d.action() == Action.REPLY) {
            reply = replies.forDecision(a.in(), d);
            batch.decidedReply(a.in().messageId(), d.recipient(), d.topic());
        }
        return new Decided(a, seen, d, reply);
    }

    /** Database work only: this runs inside the batch's transaction. */
    private Pending record(PollContext ctx, Decided d) {
        FetchedMessage f = d.ahead().fetched();
        IncomingMessage in = d.ahead().in();
        HandledMessage rec = d.seen().orElseGet(() -> messages.received(ctx.fence(), ctx.mailbox(), ctx.uidValidity(), f.uid(),
                in.messageId(), in.firstFrom().map(InternetAddress::getAddress).orElse(""), in.subject(), MessageIdentity.keyOf(in), desk));
        Reply reply = null;
        switch (rec.stage()) {
            case RECEIVED -> {
                Decision dec = d.decision();
                if (dec == null) {
                    // recorded by a concurrent writer after this poll looked: cannot happen under the lease; a clerk's
                    dec = new Decision(Action.FLAG, null, 0, "recorded but not decided: a person should read it", List.of(),
                            null, null);
                }
                reply = d.reply();
                messages.decided(ctx.fence(), rec.id(), dec.action().id(), dec.topic(), dec.confidence(), dec.reason(),
                        dec.modelVersion(), dec.recipient(), reply == null ? null : reply.messageId(), dec.draft());
                rec = messages.find(ctx.mailbox(), ctx.uidValidity(), f.uid()).orElseThrow();
            }
            case SENDING -> {
                messages.redecideAsFlag(ctx.fence(), rec.id(), MAY_HAVE_BEEN_SENT);
                rec = messages.find(ctx.mailbox(), ctx.uidValidity(), f.uid()).orElseThrow();
                log.warn("uid={} id={} was being answered when the responder stopped: flagged for a clerk", f.uid(), in.logId());
            }
            default -> {
                // DECIDED, SENT, FILED: carry on from there
            }
        }
        return new Pending(f, in, rec, reply);
    }

    private Ahead decideAhead(FetchedMessage f, ReplyHistory known, Instant now) {
        IncomingMessage in = read(f);
        SpeculativeHistory asked = new SpeculativeHistory(known);
        return new Ahead(f, in, pilot.apply(decide(in, asked, now)), asked);
    }

    private IncomingMessage read(FetchedMessage f) {
        MessageReader reader = new MessageReader(limits);
        try {
            if (f.tooLarge()) {
                return reader.readHeaderOnly(f.headersOnly(), f.size()).withReceived(f.received());
            }
            return reader.read(HelpMailbox.parse(f.raw()), f.size()).withReceived(f.received());
        } catch (MessagingException | RuntimeException e) {
            try {
                return reader.read(HelpMailbox.parse(new byte[0]), f.size()).withProblem("too large or unreadable: " + e.getClass().getSimpleName());
            } catch (MessagingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
    }

    private Decision decide(IncomingMessage in, ReplyHistory history, Instant now) {
        TopicModel m = model.current();
        try {
            return decider.decide(in, m, history, now);
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: a native library (the embedding reader's) that would not load; the message is a clerk's,
            // and the poll goes on
            log.warn("id={} could not be decided ({}): flagged", in.logId(), e.toString());
            return new Decision(Action.FLAG, null, 0, "could not be read: " + e.getClass().getSimpleName(), List.of(), null,
                    m.metadata().version());
        }
    }
}
