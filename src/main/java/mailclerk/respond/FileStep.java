package mailclerk.respond;

import jakarta.mail.MessagingException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mailclerk.mail.Filed;
import mailclerk.mail.Filing;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.LogText;
import mailclerk.metrics.Metrics;
import mailclerk.queue.HandledMessage;
import mailclerk.queue.Journal;
import mailclerk.queue.Messages;
import mailclerk.queue.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 3 of a batch: the batch filed with a few IMAP commands (one keyword store per keyword set, one move per
 * folder), then FILED committed together in one short transaction. A crash before that commit leaves messages filed
 * whose record says DECIDED or SENT; the next poll never sees them again in the inbox and never answers them. This
 * step writes the operator's one log line per message.
 */
final class FileStep {
    private static final Logger log = LoggerFactory.getLogger(Responder.class);

    private final Journal journal;
    private final Messages messages;
    private final Folders folders;

    FileStep(Journal journal, Folders folders) {
        this.journal = journal;
        this.messages = journal.messages();
        this.folders = folders;
    }

    Map<Long, Outcome> file(PollContext ctx, HelpMailbox mbx, List<Pending> batch) {
        Map<Long, Outcome> outcomes = new LinkedHashMap<>();
        List<Filing> filings = new ArrayList<>();
        for (Pending p : batch) {
            HandledMessage rec = p.rec();
            if (rec.stage() == Stage.FILED) {
                // filed before, yet still in the inbox (the move was lost): moved again, keywords already set
                if (rec.folder() != null && !rec.folder().startsWith("(")) {
                    filings.add(new Filing(rec.uid(), rec.folder(), "flag".equals(rec.action()), List.of()));
                }
                outcomes.put(rec.uid(), p.outcome(rec.folder(), true));
                continue;
            }
            List<String> keywords = new ArrayList<>();
            keywords.add("mailclerk-" + rec.action());
            if (rec.pilotDraft()) keywords.add("mailclerk-draft");
            if (rec.topic() != null) keywords.add("mailclerk-topic-" + rec.topic());
            filings.add(new Filing(rec.uid(), folderFor(rec), "flag".equals(rec.action()), keywords));
        }
        Map<Long, String> failures = new HashMap<>();
        Map<Long, Filed> filed;
        ctx.lease().check(); // a node that lost the mailbox moves nothing: the new holder files these
        try {
            filed = mbx.file(filings, failures);
        } catch (MessagingException e) {
            log.warn("{} messages could not be filed ({}): retried next poll", filings.size(), e.getMessage());
            filed = Map.of();
            for (Filing f : filings) failures.putIfAbsent(f.uid(), e.getMessage());
        }
        Map<Long, Filed> landed = filed;
        journal.inTransaction(() -> {
            for (Pending p : batch) {
                HandledMessage rec = p.rec();
                if (rec.stage() == Stage.FILED) continue;
                Filed where = landed.get(rec.uid());
                if (where == null) continue;
                messages.filed(ctx.fence(), rec.id(), where.present() ? folderFor(rec) : "(gone from the inbox)",
                        where.uidValidity(), where.uid());
            }
            return null;
        });
        for (Pending p : batch) {
            HandledMessage rec = p.rec();
            if (rec.stage() == Stage.FILED) continue;
            String folder = folderFor(rec);
            if (failures.containsKey(rec.uid()) || !landed.containsKey(rec.uid())) {
                log.warn("uid={} could not be filed in {} ({}): retried next poll", rec.uid(), folder,
                        failures.getOrDefault(rec.uid(), "no answer"));
                outcomes.put(rec.uid(), p.outcome(null, false));
                continue;
            }
            Metrics.shared().messageHandled(rec.action(), rec.topic());
            outcomes.put(rec.uid(), p.outcome(folder, true));
            log.info("uid={} id={} action={} topic={} confidence={} folder={} reason={}", rec.uid(), LogText.token(rec.messageId()),
                    rec.action(), rec.topic(), String.format(Locale.ROOT, "%.2f", rec.confidence()), folder,
                    LogText.text(rec.reason(), 300));
        }
        return outcomes;
    }

    private String folderFor(HandledMessage rec) {
        return switch (rec.action()) {
            case "reply" -> folders.answered();
            case "ignore" -> folders.ignored();
            default -> folders.needsClerk();
        };
    }
}
