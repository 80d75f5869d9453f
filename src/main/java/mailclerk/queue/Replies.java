package mailclerk.queue;

import static mailclerk.queue.Sql.cut;
import static mailclerk.queue.Sql.lower;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Automatic replies: the claim that lets one go out, and what the decisions on later messages know of them.
 *
 * <p>A reply is claimed (stage SENDING) before SMTP, and the claim is where a second reply to the same message is
 * refused: every claim inserts the message's key (its Message-ID, or for mail without one a fingerprint of sender,
 * date, subject and text) into {@code reply_claim}, whose primary key the database enforces. Two desks that received
 * the same message, on one node or two, decide it at the same moment and both decide to reply; only the first claim
 * commits, and the other message becomes a flag for its desk's clerks ("answered by ..."). A check made earlier, at
 * decision time, cannot promise this: both desks decide before either has sent.
 */
public final class Replies {
    /** The replies a decision counts: decided and not yet sent too, so a reply on its way is never doubled. */
    static final String COUNTED = "action = 'reply' AND stage IN ('DECIDED','SENDING','SENT','FILED')";

    private final Sql sql;

    Replies(Sql sql) {
        this.sql = sql;
    }

    /** What a claim came to. */
    public enum Claim {
        /** Claimed: send it now, then mark it SENT. */
        CLAIMED,
        /** No longer waiting for its reply (sent, flagged or filed meanwhile): nothing to send. */
        NOT_WAITING,
        /** The same message was claimed by another record (another desk, or a copy): turned into a flag, never sent. */
        ANSWERED_ELSEWHERE
    }

    /** Claims one reply; see {@link #claimSending(Fence, List)}. */
    public Claim claimSending(Fence fence, long id) {
        return claimSending(fence, List.of(id)).get(id);
    }

    /**
     * Claims the right to send the replies of these records, in one transaction: each only from DECIDED, only while
     * the lease is held and not expired, and only if no other record has claimed a reply to the same message. The
     * keys are claimed in one fixed order, so two desks claiming overlapping messages at once wait on each other at
     * most once and never deadlock. LeaseLostException when the lease is gone (nothing is claimed then).
     */
    public Map<Long, Claim> claimSending(Fence fence, List<Long> ids) {
        return sql.inTransaction(() -> {
            List<Waiting> waiting = new ArrayList<>();
            Map<Long, Claim> out = new LinkedHashMap<>();
            for (long id : ids) {
                String set = "UPDATE handled_message SET stage = 'SENDING', lease_token = ?, updated_at = ? WHERE id = ? "
                        + "AND stage = 'DECIDED' AND action = 'reply'";
                Object[] args = {fence.token(), System.currentTimeMillis(), id};
                int n = fence.checked() ? sql.update(set + " AND " + Fencing.LEASE_VALID, Sql.concat(args, fence.mailbox(), fence.token()))
                        : sql.update(set, args);
                if (n == 1) {
                    waiting.add(sql.first("SELECT id, mailbox, message_key, message_id, desk FROM handled_message WHERE id = ?",
                            r -> new Waiting(r.getLong(1), r.getString(2), keyOf(r.getString(3), r.getString(4), r.getLong(1)),
                                    r.getString(5)), id)
                            .orElseThrow());
                } else {
                    if (!Fencing.valid(sql, fence)) throw new LeaseLostException(fence.mailbox());
                    out.put(id, Claim.NOT_WAITING);
                }
            }
            waiting.sort(Comparator.comparing(Waiting::key));
            for (Waiting w : waiting) out.put(w.id(), claimKey(fence, w));
            return out;
        });
    }

    private record Waiting(long id, String mailbox, String key, String desk) {
    }

    /** A record written before messages had a key: its Message-ID's key, else it stands for itself alone. */
    private static String keyOf(String messageKey, String messageId, long id) {
        if (messageKey != null) return messageKey;
        String byId = MessageKeys.ofMessageId(messageId);
        return byId != null ? byId : "record:" + id;
    }

    private Claim claimKey(Fence fence, Waiting w) {
        if (sql.insertUnlessDuplicate("INSERT INTO reply_claim (message_key, handled_id, mailbox, desk, claimed_at) "
                + "VALUES (?, ?, ?, ?, ?)", w.key(), w.id(), w.mailbox(), cut(w.desk()), System.currentTimeMillis())) {
            return Claim.CLAIMED;
        }
        // read under the row lock: a clerk taking the claim over at this moment is waited for, and seen
        sql.first("SELECT handled_id FROM reply_claim WHERE message_key = ? FOR UPDATE", r -> r.getLong(1), w.key());
        Optional<Owner> owner = owner(w.key());
        // the same record claiming again (its claim was handed back, or taken over by another process): still its own
        if (owner.isPresent() && owner.get().handledId() == w.id() && owner.get().clerk() == null) return Claim.CLAIMED;
        AnsweredBy by = owner.map(Owner::answeredBy).orElse(new AnsweredBy("", false));
        Fencing.update(sql, fence, "UPDATE handled_message SET stage = 'DECIDED', action = 'flag', reason = ?, updated_at = ? "
                + "WHERE id = ?", cut(by.reason()), System.currentTimeMillis(), w.id());
        return Claim.ANSWERED_ELSEWHERE;
    }

    /** Who holds the claim of a message key: the record, its desk, its stage now, and the clerk if a clerk sent it. */
    private record Owner(long handledId, String desk, String stage, String clerk) {
        AnsweredBy answeredBy() {
            return new AnsweredBy(desk == null ? "" : desk, isSent(stage), clerk);
        }
    }

    private Optional<Owner> owner(String key) {
        return sql.first("SELECT c.handled_id, c.desk, h.stage, c.clerk FROM reply_claim c "
                + "LEFT JOIN handled_message h ON h.id = c.handled_id WHERE c.message_key = ?",
                r -> new Owner(r.getLong(1), r.getString(2), r.getString(3), r.getString(4)), key);
    }

    /**
     * A clerk's reply from the console claims the message too, so that no automatic reply to a copy at another desk
     * follows it. {@code exclusive} (the pilot's suggested answer going out as the automatic one would have): refused,
     * with who answered, when the message was already claimed by anyone else; otherwise (a person's own reply) the
     * claim is taken when free and the reply goes out regardless. {@code handledId}: the message's record, 0 if none.
     */
    public ClerkClaim claimForClerk(String messageKey, long handledId, String mailbox, String desk, String clerk,
                                    boolean exclusive) {
        if (messageKey == null) return new ClerkClaim(false, null);
        if (sql.insertUnlessDuplicate("INSERT INTO reply_claim (message_key, handled_id, mailbox, desk, clerk, claimed_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", messageKey, handledId, mailbox, cut(desk), cut(clerk), System.currentTimeMillis())) {
            return new ClerkClaim(true, null);
        }
        if (!exclusive) {
            // a clerk's own answer (sent, or by hand) is definite: it takes over another clerk's claim, so that claim's
            // release (that clerk's send failing at SMTP) cannot leave the message unclaimed, and an automatic claim
            // whose reply waits for a retry (DECIDED), so that it is never sent after the clerk's; an automatic reply
            // already on its way (SENDING, SENT) keeps it. Read and taken over under a row lock, so that a claim given
            // back meanwhile is claimed afresh, never lost, and an automatic claim in progress waits for this one
            for (int attempt = 0; attempt < 3; attempt++) {
                Optional<ClerkClaim> over = sql.inTransaction(() -> {
                    Optional<Previous> held = sql.first("SELECT handled_id, mailbox, desk, clerk, claimed_at FROM reply_claim "
                            + "WHERE message_key = ? FOR UPDATE", r -> new Previous(r.getLong(1), r.getString(2),
                            r.getString(3), r.getString(4), r.getLong(5)), messageKey);
                    if (held.isEmpty()) return Optional.<ClerkClaim>empty();
                    if (held.get().clerk() == null && !waitingForRetry(held.get().handledId())) {
                        return Optional.of(new ClerkClaim(false, null));
                    }
                    sql.update("UPDATE reply_claim SET handled_id = ?, mailbox = ?, desk = ?, clerk = ?, claimed_at = ? "
                            + "WHERE message_key = ?", handledId, mailbox, cut(desk), cut(clerk), System.currentTimeMillis(),
                            messageKey);
                    return Optional.of(new ClerkClaim(true, null, held.get()));
                });
                if (over.isPresent()) return over.get();
                if (sql.insertUnlessDuplicate("INSERT INTO reply_claim (message_key, handled_id, mailbox, desk, clerk, "
                        + "claimed_at) VALUES (?, ?, ?, ?, ?, ?)", messageKey, handledId, mailbox, cut(desk), cut(clerk),
                        System.currentTimeMillis())) {
                    return new ClerkClaim(true, null);
                }
            }
            return new ClerkClaim(false, null); // claimed and given back three times over: someone holds it now
        }
        Optional<Owner> owner = owner(messageKey);
        if (owner.isEmpty()) {
            // the holder gave its claim back between the two statements: try once more, as the first
            // (an insert only: the suggested answer never takes over anyone's claim)
            return sql.insertUnlessDuplicate("INSERT INTO reply_claim (message_key, handled_id, mailbox, desk, clerk, "
                    + "claimed_at) VALUES (?, ?, ?, ?, ?, ?)", messageKey, handledId, mailbox, cut(desk), cut(clerk),
                    System.currentTimeMillis()) ? new ClerkClaim(true, null)
                    : new ClerkClaim(false, owner(messageKey).map(Owner::answeredBy).orElse(new AnsweredBy(desk, false)));
        }
        return new ClerkClaim(false, owner.get().answeredBy());
    }

    /** Whether the automatic reply of this record is decided but not on its way (a retry after a failed send). */
    private boolean waitingForRetry(long handledId) {
        return sql.exists("SELECT 1 FROM handled_message WHERE id = ? AND action = 'reply' AND stage = 'DECIDED'", handledId);
    }

    /**
     * A clerk's claim: {@code taken} when this call made it (or took it over from another clerk: {@code previous});
     * {@code refusedBy} when an exclusive claim was refused.
     */
    public record ClerkClaim(boolean taken, AnsweredBy refusedBy, Previous previous) {
        public ClerkClaim(boolean taken, AnsweredBy refusedBy) {
            this(taken, refusedBy, null);
        }
    }

    /** Another clerk's claim as it was before a takeover, to be put back if this clerk's reply never left. */
    public record Previous(long handledId, String mailbox, String desk, String clerk, long claimedAt) {
    }

    /**
     * Gives back a claim a clerk's send just took, when that reply certainly did not go out: deleted when it was
     * free before; else the previous owner's claim put back, if that owner still stands (the other clerk's send was
     * not given back meanwhile, the automatic reply is still a reply). Only while it is still this clerk's at this
     * mailbox. {@code messageId}: the message's, as the clerk's action recorded it.
     */
    public void releaseClerkClaim(String messageKey, String messageId, String mailbox, String clerk, ClerkClaim claim) {
        if (messageKey == null || !claim.taken()) return;
        Previous p = claim.previous();
        boolean restore = p != null && (p.clerk() != null
                ? sql.exists("SELECT 1 FROM clerk_action WHERE mailbox = ? AND clerk = ? AND message_id = ?", p.mailbox(),
                        p.clerk(), cut(messageId))
                : sql.exists("SELECT 1 FROM handled_message WHERE id = ? AND action = 'reply'", p.handledId()));
        if (!restore) {
            sql.update("DELETE FROM reply_claim WHERE message_key = ? AND mailbox = ? AND clerk = ?", messageKey, mailbox, cut(clerk));
        } else {
            sql.update("UPDATE reply_claim SET handled_id = ?, mailbox = ?, desk = ?, clerk = ?, claimed_at = ? "
                    + "WHERE message_key = ? AND mailbox = ? AND clerk = ?", p.handledId(), p.mailbox(), p.desk(), p.clerk(),
                    p.claimedAt(), messageKey, mailbox, cut(clerk));
        }
    }

    /**
     * A claimed reply that certainly did not go out (the mail server refused it for good, or it could not be built):
     * the message becomes a flag with {@code reason}, and its claim is given back, so that a copy at another desk may
     * still be answered. A reply that may have gone out keeps its claim for ever.
     */
    public void notSent(Fence fence, long id, String reason) {
        sql.inTransaction(() -> {
            Fencing.update(sql, fence, "UPDATE handled_message SET stage = 'DECIDED', action = 'flag', reason = ?, "
                    + "updated_at = ? WHERE id = ?", cut(reason), System.currentTimeMillis(), id);
            sql.update("DELETE FROM reply_claim WHERE handled_id = ?", id);
            return null;
        });
    }

    /**
     * What the decision on a message that came to {@code mailbox} (its journal key) knows of replies already
     * decided or sent. Rate limits count that mailbox's automatic replies only: a filer writing to the intake desk is
     * not held back by answers from the CM/ECF help desk. Whether a Message-ID was already answered, and whether a
     * reference is one of our replies, is looked up in every mailbox.
     */
    public ReplyHistory history(String mailbox) {
        return new ReplyHistory() {
            @Override
            public boolean isOurReply(String messageId) {
                return Replies.this.isOurReply(messageId);
            }

            @Override
            public Optional<AnsweredBy> answeredBy(String messageId) {
                return Replies.this.answeredBy(messageId);
            }

            @Override
            public Optional<String> withClerk(String messageId) {
                return Replies.this.withClerk(messageId);
            }

            @Override
            public int repliesTo(String address, Instant since) {
                return Replies.this.repliesTo(mailbox, address, since);
            }

            @Override
            public boolean repliedOnTopic(String address, String topic, Instant since) {
                return Replies.this.repliedOnTopic(mailbox, address, topic, since);
            }
        };
    }

    /** Whether {@code messageId} is one of our automatic replies, from any mailbox. */
    public boolean isOurReply(String messageId) {
        return messageId != null && sql.exists("SELECT 1 FROM handled_message WHERE reply_message_id = ? "
                + "AND stage IN ('SENDING','SENT','FILED') AND action = 'reply'", messageId);
    }

    /**
     * The automatic reply to a message with this Message-ID that was decided, is on its way or went out, in any
     * mailbox (one that went out first); empty when there is none.
     */
    public Optional<AnsweredBy> answeredBy(String messageId) {
        if (messageId == null) return Optional.empty();
        Optional<AnsweredBy> automatic = sql.first("SELECT COALESCE(desk, ''), stage FROM handled_message WHERE message_id = ? AND "
                + COUNTED + " ORDER BY CASE WHEN stage IN ('SENT','FILED') THEN 0 ELSE 1 END, id LIMIT 1",
                r -> new AnsweredBy(r.getString(1), isSent(r.getString(2))), cut(messageId));
        if (automatic.isPresent()) return automatic;
        // a clerk who answered a copy from the console (a shadow desk's draft, say)
        String key = MessageKeys.ofMessageId(messageId);
        return key == null ? Optional.empty() : sql.first("SELECT COALESCE(desk, ''), clerk FROM reply_claim WHERE message_key = ? "
                + "AND clerk IS NOT NULL", r -> new AnsweredBy(r.getString(1), true, r.getString(2)), key);
    }

    /** See {@link ReplyHistory#withClerk}. */
    public Optional<String> withClerk(String messageId) {
        if (messageId == null) return Optional.empty();
        return sql.first("SELECT COALESCE(desk, '') FROM handled_message WHERE message_id = ? AND action = 'flag' "
                + "AND stage <> 'RECEIVED' AND pilot_draft = FALSE ORDER BY id LIMIT 1", r -> r.getString(1), cut(messageId));
    }

    private static boolean isSent(String stage) {
        return "SENT".equals(stage) || "FILED".equals(stage);
    }

    /** Whether a message with this Message-ID got (or is about to get) an automatic reply, in any mailbox. */
    public boolean alreadyAnswered(String messageId) {
        return answeredBy(messageId).isPresent();
    }

    /** Automatic replies from {@code mailbox} to {@code address} since {@code since}, sent or about to be. */
    public int repliesTo(String mailbox, String address, Instant since) {
        return sql.count("SELECT COUNT(*) FROM handled_message WHERE reply_to = ? AND mailbox = ? AND " + COUNTED
                + " AND updated_at >= ?", lower(address), mailbox, since.toEpochMilli());
    }

    /** Whether {@code mailbox} sent (or is about to send) {@code address} an automatic reply on {@code topic}. */
    public boolean repliedOnTopic(String mailbox, String address, String topic, Instant since) {
        return sql.count("SELECT COUNT(*) FROM handled_message WHERE reply_to = ? AND mailbox = ? AND topic = ? AND " + COUNTED
                + " AND updated_at >= ?", lower(address), mailbox, topic, since.toEpochMilli()) > 0;
    }

    /** The reply we sent (automatic, or by a clerk) whose Message-ID is one of {@code messageIds}; the latest if several. */
    public Optional<EarlierReply> replyAmong(List<String> messageIds) {
        List<String> ids = messageIds.stream().map(Sql::cut).distinct().limit(Sql.IN_LIST).toList();
        if (ids.isEmpty()) return Optional.empty();
        String in = Sql.marks(ids.size());
        String statement = "SELECT updated_at AS at, 'mailclerk' AS by, topic, subject, reply_to FROM handled_message "
                + "WHERE reply_message_id IN (" + in + ") AND action = 'reply' AND stage IN ('SENT','FILED') "
                + "UNION ALL SELECT at, clerk, topic, subject, recipient FROM clerk_action "
                + "WHERE reply_message_id IN (" + in + ") AND done ORDER BY at DESC LIMIT 1";
        Object[] args = new Object[ids.size() * 2];
        for (int i = 0; i < ids.size(); i++) {
            args[i] = ids.get(i);
            args[ids.size() + i] = ids.get(i);
        }
        return sql.first(statement, r -> new EarlierReply(Instant.ofEpochMilli(r.getLong(1)), r.getString(2), r.getString(3),
                r.getString(4), r.getString(5)), args);
    }
}
