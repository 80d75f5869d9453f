package mailclerk.queue;

import java.time.Instant;

/**
 * What the decision on one message needs to know of replies already sent: see {@link Journal#replyHistory} for which
 * questions look at the message's own mailbox (rate limits) and which at every mailbox (duplicates, our replies).
 */
public interface ReplyHistory {
    /** Whether {@code messageId} is the Message-ID of one of our own replies. */
    boolean isOurReply(String messageId);

    /** Whether a message with this Message-ID was already answered (or its reply may have gone out). */
    boolean alreadyAnswered(String messageId);

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
        public boolean alreadyAnswered(String messageId) {
            return false;
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
