package mailclerk.queue;

import java.time.Instant;
import java.util.Optional;

/**
 * What the decision on one message needs to know of replies already sent: see {@link Replies#history} for which
 * questions look at the message's own mailbox (rate limits) and which at every mailbox (duplicates, our replies).
 */
public interface ReplyHistory {
    /** Whether {@code messageId} is the Message-ID of one of our own replies. */
    boolean isOurReply(String messageId);

    /** The automatic reply a message with this Message-ID got or is getting, in any mailbox; empty when none. */
    Optional<AnsweredBy> answeredBy(String messageId);

    /**
     * The desk where a copy of a message with this Message-ID went to a clerk (decided as a flag, not as a pilot's
     * draft), in any mailbox; empty when none. A copy delivered again later must not be answered automatically while
     * a clerk may be answering the first.
     */
    default Optional<String> withClerk(String messageId) {
        return Optional.empty();
    }

    /** Automatic replies sent to {@code address} since {@code since} (from the message's mailbox). */
    int repliesTo(String address, Instant since);

    /** Whether {@code address} got an automatic reply on {@code topic} since {@code since} (from the message's mailbox). */
    boolean repliedOnTopic(String address, String topic, Instant since);

    /** No history: for `classify`, which looks at files, not at a mailbox. */
    ReplyHistory NONE = new ReplyHistory() {
        @Override
        public boolean isOurReply(String messageId) {
            return false;
        }

        @Override
        public Optional<AnsweredBy> answeredBy(String messageId) {
            return Optional.empty();
        }

        @Override
        public int repliesTo(String address, Instant since) {
            return 0;
        }

        @Override
        public boolean repliedOnTopic(String address, String topic, Instant since) {
            return false;
        }
    };
}
