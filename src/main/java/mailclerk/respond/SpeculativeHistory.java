package mailclerk.respond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mailclerk.queue.AnsweredBy;
import mailclerk.queue.ReplyHistory;

/**
 * A history that has sent nothing, and remembers what it was asked. A message can then be decided ahead of its
 * turn, on another core, while the messages before it are still being recorded; in its turn, the answers it got
 * are checked against the real history, and if any would differ it is decided again. So a decision made ahead is
 * exactly the decision made in turn.
 */
final class SpeculativeHistory implements ReplyHistory {
    private enum Kind { OUR_REPLY, ANSWERED, WITH_CLERK, REPLIES_TO, ON_TOPIC }

    private record Question(Kind kind, String a, String b, Instant since) {
    }

    private final List<Question> asked = new ArrayList<>();

    /** Whether {@code real} gives every answer this history gave. */
    boolean agreesWith(ReplyHistory real) {
        for (Question q : asked) {
            boolean same = switch (q.kind()) {
                case OUR_REPLY -> !real.isOurReply(q.a());
                case ANSWERED -> real.answeredBy(q.a()).isEmpty();
                case WITH_CLERK -> real.withClerk(q.a()).isEmpty();
                case REPLIES_TO -> real.repliesTo(q.a(), q.since()) == 0;
                case ON_TOPIC -> !real.repliedOnTopic(q.a(), q.b(), q.since());
            };
            if (!same) return false;
        }
        return true;
    }

    @Override
    public boolean isOurReply(String messageId) {
        asked.add(new Question(Kind.OUR_REPLY, messageId, null, null));
        return false;
    }

    @Override
    public Optional<AnsweredBy> answeredBy(String messageId) {
        asked.add(new Question(Kind.ANSWERED, messageId, null, null));
        return Optional.empty();
    }

    @Override
    public Optional<String> withClerk(String messageId) {
        asked.add(new Question(Kind.WITH_CLERK, messageId, null, null));
        return Optional.empty();
    }

    @Override
    public int repliesTo(String address, Instant since) {
        asked.add(new Question(Kind.REPLIES_TO, address, null, since));
        return 0;
    }

    @Override
    public boolean repliedOnTopic(String address, String topic, Instant since) {
        asked.add(new Question(Kind.ON_TOPIC, address, topic, since));
        return false;
    }
}
