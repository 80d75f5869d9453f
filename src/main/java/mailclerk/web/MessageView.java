package mailclerk.web;

import java.time.Instant;
import java.util.List;
import mailclerk.classify.TopicScore;
import mailclerk.mail.Attachment;
import mailclerk.mail.Sender;

/** What a clerk sees of one flagged message: its text (never its HTML), attachments by name, and suggestions. */
public record MessageView(long uid, Instant received, Sender sender, String recipient, String subject, String text,
                          List<Attachment> attachments, List<TopicScore> suggestions, String reason, String chosenTopic,
                          String replyPreview, List<String> answerableTopics, String draftTopic) {
}
