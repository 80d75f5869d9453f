package mailclerk.respond;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import mailclerk.queue.AnsweredBy;
import mailclerk.queue.ReplyHistory;

/**
 * A history that answers from what is already known when a message is decided ahead of its turn (the replies and
 * flags decided earlier in the batch; nothing else), and remembers what it was asked and answered. A message can then
 * be decided on another core while the messages before it are still being decided; in its turn, the answers it got
 * are checked against the real history, and if any would differ it is decided again. So a decision made ahead is
 * exactly the decision made in turn.
 */
final class SpeculativeHistory implements ReplyHistory {
    private enum Kind { OUR_REPLY, ANSWERED, WITH_CLERK, REPLIES_TO, ON_TOPIC }

    /** One question and the answer it got ahead. */
    private record Question(Kind kind, String a, String b, Instant since, Object answer) {
    }

    private final ReplyHistory known;
    private final List<Question> asked = new ArrayList<>();

    /** @param known what is known ahead (read only while no one adds to it) */
    SpeculativeHistory(ReplyHistory known) {
        this.known = known;
    }

    /** Whether {@code real} gives every answer this history gave. */
    boolean agreesWith(ReplyHistory real) {
        for (Question q : asked) {
            Object now = switch (q.kind()) {
                case OUR_REPLY -> real.isOurReply(q.a());
                case ANSWERED -> real.answeredBy(q.a());
                case WITH_CLERK -> real.withClerk(q.a());
                case REPLIES_TO -> real.repliesTo(q.a(), q.since());
                case ON_TOPIC -> real.repliedOnTopic(q.a(), q.b(), q.since());
            };
            if (!now.equals(q.answer())) return false;
        }
        return true;
    }

    private <T> T asked(Kind kind, String a, String b, Instant since, T answer) {
        asked.add(new Question(kind, a, b, since, answer));
        return answer;
    }

    @Override
    public boolean isOurReply(String messageId) {
        return asked(Kind.OUR_REPLY, messageId, null, null, known.isOurReply(messageId));
    }

    @Override
    public Optional<AnsweredBy> answeredBy(String messageId) {
        return asked(Kind.ANSWERED, messageId, null, null, known.answeredBy(messageId));
    }

    @Override
    public Optional<String> withClerk(String messageId) {
        return asked(Kind.WITH_CLERK, messageId, null, null, known.withClerk(messageId));
    }

    @Override
    public int repliesTo(String address, Instant since) {
        return asked(Kind.REPLIES_TO, address, null, since, known.repliesTo(address, since));
    }

    @Override
    public boolean repliedOnTopic(String address, String topic, Instant since) {
        return asked(Kind.ON_TOPIC, address, topic, since, known.repliedOnTopic(address, topic, since));
    }
}
