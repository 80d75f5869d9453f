package mailclerk.respond;

import mailclerk.mail.FetchedMessage;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.Reply;
import mailclerk.queue.HandledMessage;

/** A message of the batch on its way: what was read, its journal record as it stands, and its reply if one is due. */
record Pending(FetchedMessage fetched, IncomingMessage in, HandledMessage rec, Reply reply) {
    Pending with(HandledMessage now) {
        return new Pending(fetched, in, now, null);
    }

    long uid() {
        return fetched.uid();
    }

    boolean waitsForReply() {
        return waitsForReply(rec);
    }

    static boolean waitsForReply(HandledMessage rec) {
        return rec.stage() == mailclerk.queue.Stage.DECIDED && "reply".equals(rec.action());
    }

    Outcome outcome(String folder, boolean done) {
        return new Outcome(fetched.uid(), rec.messageId(), rec.action(), rec.topic(), rec.confidence(), rec.reason(), folder,
                rec.replyTo(), done);
    }
}
