package mailclerk.respond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import mailclerk.queue.AnsweredBy;
import mailclerk.queue.ReplyHistory;

/**
 * The reply history as the decisions of one batch see it. A batch is decided before any of its replies is sent,
 * so the journal does not yet count the replies decided earlier in the same batch; this adds them, so that two
 * copies of one message, or two messages from one filer, are decided exactly as they would be one after the
 * other: the second copy is not answered again, and the rate limits count the first reply.
 */
final class BatchHistory implements ReplyHistory {
    private final ReplyHistory sent;
    private final String desk;
    private final Map<String, String> messageIds;
    private final List<String[]> replies;
    private final java.util.Set<String> flagged;

    /** @param desk the help-desk address of the mailbox whose batch this is */
    BatchHistory(ReplyHistory sent, String desk) {
        this(sent, desk, new HashMap<>(), new ArrayList<>(), new java.util.HashSet<>());
    }

    private BatchHistory(ReplyHistory sent, String desk, Map<String, String> messageIds, List<String[]> replies,
                         java.util.Set<String> flagged) {
        this.sent = sent;
        this.desk = desk;
        this.messageIds = messageIds;
        this.replies = replies;
        this.flagged = flagged;
    }

    /**
     * The decisions of this batch so far and nothing from the journal: what a message decided ahead of its turn can
     * know without a database query. A copy, so that deciding ahead on other threads never reads what this thread adds.
     */
    ReplyHistory decidedSoFar() {
        return new BatchHistory(ReplyHistory.NONE, desk, new HashMap<>(messageIds), new ArrayList<>(replies),
                new java.util.HashSet<>(flagged));
    }

    /** A message of this batch that goes to a clerk: a copy of it later in the batch is not answered automatically. */
    void decidedFlag(String messageId) {
        if (messageId != null) flagged.add(messageId);
    }

    /** A reply decided in this batch (to go out before the batch is filed). */
    void decidedReply(String messageId, String recipient, String topic) {
        if (messageId != null) messageIds.put(messageId, desk);
        replies.add(new String[] {lower(recipient), topic});
    }

    @Override
    public boolean isOurReply(String messageId) {
        return sent.isOurReply(messageId);
    }

    @Override
    public Optional<AnsweredBy> answeredBy(String messageId) {
        if (messageId != null && messageIds.containsKey(messageId)) return Optional.of(new AnsweredBy(messageIds.get(messageId), false));
        return sent.answeredBy(messageId);
    }

    @Override
    public Optional<String> withClerk(String messageId) {
        if (messageId != null && flagged.contains(messageId)) return Optional.of(desk);
        return sent.withClerk(messageId);
    }

    @Override
    public int repliesTo(String address, Instant since) {
        String a = lower(address);
        int pending = 0;
        for (String[] r : replies) if (r[0] != null && r[0].equals(a)) pending++;
        return pending + sent.repliesTo(address, since);
    }

    @Override
    public boolean repliedOnTopic(String address, String topic, Instant since) {
        String a = lower(address);
        for (String[] r : replies) {
            if (r[0] != null && r[0].equals(a) && r[1] != null && r[1].equals(topic)) return true;
        }
        return sent.repliedOnTopic(address, topic, since);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
