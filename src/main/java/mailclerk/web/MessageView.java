package mailclerk.web;

import java.time.Instant;
import java.util.List;
import mailclerk.classify.TopicScore;
import mailclerk.mail.Attachment;
import mailclerk.mail.Sender;
import mailclerk.queue.Claim;
import mailclerk.queue.EarlierReply;
import mailclerk.queue.SenderHistoryEntry;

/**
 * What a clerk sees of one flagged message: the mailbox it came to (its id, "" when there is only one, and its
 * help-desk address, the From of a reply), its text (never its HTML), attachments by name, and suggestions; who is
 * on it; the sender's earlier messages and what each got; for a follow-up, our reply it {@code answers} (else null).
 */
public record MessageView(String mailbox, String deskAddress, long uid, Instant received, Instant dated, Sender sender,
                          String recipient,
                          String subject, String text, List<Attachment> attachments, List<TopicScore> suggestions,
                          String reason, String chosenTopic, String replyPreview, List<String> answerableTopics,
                          String draftTopic, Claim claim, List<SenderHistoryEntry> history, EarlierReply answers) {
    /** The language of the mail text when it is clearly not English (for its {@code lang}), else null. */
    public String textLanguage() {
        return mailclerk.respond.rules.LanguageGuess.of(text).orElse(null);
    }

    /** This message's page, or an action on it ("send", "claim" ...): always in its own mailbox. */
    public String path(String action) {
        return MessagePath.of(mailbox, uid, action);
    }
}
