package mailclerk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import mailclerk.classify.TopicModel;
import mailclerk.config.Settings;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.ReadLimits;
import mailclerk.queue.ReplyHistory;
import mailclerk.respond.Decider;
import mailclerk.respond.Decision;

/** The responder's decision for .eml files, without a mailbox and without reply history (classify, evaluate, bench). */
final class FileDecisions {
    private final TopicModel model;
    private final Decider decider;
    private final ReadLimits limits;

    FileDecisions(Settings s, TopicModel model) {
        this.model = model;
        this.decider = Wiring.decider(s, Wiring.templates(s));
        this.limits = ReadLimits.from(s);
    }

    /** With the active model. */
    static FileDecisions active(Settings s) {
        return new FileDecisions(s, Wiring.activeModel(s).current());
    }

    TopicModel model() {
        return model;
    }

    IncomingMessage read(Path eml) throws IOException {
        return EmlFiles.read(eml, limits);
    }

    /**
     * Decided as of when the file's message was received (its newest Received line, else its Date), as the responder
     * would have decided it on arrival; now when it has neither.
     */
    Decision decide(Path eml) throws IOException {
        IncomingMessage m = read(eml);
        return decider.decide(m, model, ReplyHistory.NONE, m.receivedOrDated() == null ? Instant.now() : m.receivedOrDated());
    }
}
