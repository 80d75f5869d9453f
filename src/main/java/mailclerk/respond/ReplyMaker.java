package mailclerk.respond;

import mailclerk.mail.IncomingMessage;
import mailclerk.mail.Reply;
import mailclerk.mail.ReplyBuilder;
import mailclerk.queue.HandledMessage;

/**
 * The automatic reply to a message: the topic's approved template (filled with the court's settings, never with
 * message text; the greeting takes a display name only when it looks like a person's) from the desk's address,
 * threaded on the message. Its Message-ID is fixed with the decision, so a reply rebuilt after a restart is the same.
 */
final class ReplyMaker {
    private final HelpDesk desk;
    private final ReplyTemplates templates;

    ReplyMaker(HelpDesk desk, ReplyTemplates templates) {
        this.desk = desk;
        this.templates = templates;
    }

    /** For a decision just taken. */
    Reply forDecision(IncomingMessage in, Decision d) {
        return build(in, d.topic(), d.recipient());
    }

    /** For a decision recorded earlier (a reply handed back, or left when a poll stopped): its Message-ID is kept. */
    Reply forRecord(IncomingMessage in, HandledMessage rec) {
        Reply r = build(in, rec.topic(), rec.replyTo());
        if (rec.replyMessageId() == null) return r;
        return new Reply(r.from(), r.to(), r.subject(), r.body(), rec.replyMessageId(), r.inReplyTo(), r.references(), true);
    }

    private Reply build(IncomingMessage in, String topic, String to) {
        String body = templates.render(topic, FilerName.of(in.fromName()));
        return ReplyBuilder.reply(in, ReplyBuilder.named(desk.address(), desk.displayName()), ReplyBuilder.singleAddress(to),
                body, true);
    }
}
