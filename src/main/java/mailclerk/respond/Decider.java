package mailclerk.respond;

import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.SentenceTopics;
import mailclerk.classify.Prediction;
import mailclerk.classify.Preprocessor;
import mailclerk.classify.TopicChoice;
import mailclerk.classify.TopicModel;
import mailclerk.classify.Tokens;
import mailclerk.classify.Topics;
import mailclerk.mail.IncomingMessage;
import mailclerk.mail.ReplyBuilder;
import mailclerk.queue.ReplyHistory;

/**
 * Decides reply, flag or ignore for one message. A reply needs every one of: not machine mail, a clear single
 * recipient outside the court's domain, a confident classification of an FAQ topic with an approved template,
 * one question only, and a sender under the rate limits. Anything else goes to the clerk.
 */
public final class Decider {
    private final HelpDesk desk;
    private final Screening screening;
    private final ReplyTemplates templates;
    private final NextGenCalendar calendar;
    private final DecisionRules rules;

    public Decider(HelpDesk desk, ReplyTemplates templates, NextGenCalendar calendar, DecisionRules rules) {
        this.desk = desk;
        this.screening = new Screening(desk);
        this.templates = templates;
        this.calendar = calendar;
        this.rules = rules;
    }

    public Decision decide(IncomingMessage m, TopicModel model, ReplyHistory history, Instant now) {
        Optional<String> machine = screening.machineMail(m);
        if (machine.isPresent()) return Decision.ignore(machine.get());

        ModelMetadata meta = model.metadata();
        String ownWords = Preprocessor.ownWords(m.subject(), m.text());
        String text = Preprocessor.messageText(m.subject(), ownWords);
        Prediction prediction = model.predict(Tokens.of(text));
        TopicChoice choice = TopicChoice.of(prediction);
        String topic = choice.topic();
        Instant written = m.date() == null ? now : m.date();
        if (Topics.NEXTGEN_PAIR.contains(topic)) topic = calendar.topicFor(text, written);
        Decision flag = new Decision(Action.FLAG, Topics.OTHER.equals(topic) ? null : topic, choice.confidence(), "",
                prediction.top(3), null, meta.version());

        for (String problem : m.problems()) {
            // a message we could not read whole is never answered from the part we read
            if (problem.startsWith("too large") || problem.startsWith("more than") || problem.contains(" cut at ")
                    || problem.startsWith("MIME nesting")) {
                return flag.asFlag("too large or too complex to read whole: " + problem);
            }
        }
        for (String ref : m.references()) {
            if (ref.startsWith("<" + ReplyBuilder.ID_PREFIX) || history.isOurReply(ref)) {
                return flag.asFlag("a reply to one of our automatic answers: a person should read it");
            }
        }
        if (history.alreadyAnswered(m.messageId())) {
            return flag.asFlag("possible duplicate: a message with this Message-ID was already answered");
        }
        String recipient = recipient(m);
        if (recipient == null) return flag.asFlag("no single reply address (Return-Path or one From)");
        if (desk.isOwnDomain(recipient)) return flag.asFlag("sender is at the court's own domain");
        if (rules.requireAddressed() && !addressedToUs(m)) {
            return flag.asFlag("the help desk is not in To or Cc");
        }
        if (text.isBlank()) return flag.asFlag("no text to read");

        double threshold = Double.isNaN(rules.thresholdOverride()) ? meta.threshold() : rules.thresholdOverride();
        String conf = String.format(Locale.ROOT, "%.2f", choice.confidence());
        if (Topics.OTHER.equals(topic)) {
            return flag.asFlag("outside the FAQ (confidence " + conf + ")");
        }
        if (!choice.confident(threshold, meta.margin())) {
            return flag.asFlag(String.format(Locale.ROOT, "low confidence: %s %.2f < %.2f or margin %.2f < %.2f",
                    topic, choice.confidence(), threshold, choice.margin(), meta.margin()));
        }
        if (!templates.hasTemplate(topic)) {
            return flag.asFlag("no approved template for " + topic);
        }
        Set<String> questions = SentenceTopics.families(ownWords, model, rules.splitQuestionConfidence());
        questions.add(Topics.family(topic));
        if (questions.size() > 1) {
            return flag.asFlag("more than one question: " + String.join(", ", questions));
        }
        if (history.repliedOnTopic(recipient, topic, now.minus(rules.replyInterval()))) {
            return flag.asFlag("rate limit: sender already got this answer within " + rules.replyInterval().toDays() + " days");
        }
        if (history.repliesTo(recipient, now.minus(java.time.Duration.ofDays(1))) >= rules.maxRepliesPerSenderPerDay()) {
            return flag.asFlag("rate limit: " + rules.maxRepliesPerSenderPerDay() + " automatic replies to this sender today");
        }
        String why = "confident " + topic + " " + conf;
        if (Topics.NEXTGEN_PAIR.contains(topic)) why += " (" + calendar.explain(text, written) + ")";
        return new Decision(Action.REPLY, topic, choice.confidence(), why, prediction.top(3), recipient, meta.version());
    }

    /** RFC 3834 §4: the Return-Path when there is one (never Reply-To), else the single From address. */
    public static String recipient(IncomingMessage m) {
        String candidate;
        if (m.returnPath() != null && !m.returnPath().isEmpty()) {
            candidate = m.returnPath();
        } else if (m.from().size() == 1) {
            candidate = m.from().get(0).getAddress();
        } else {
            return null;
        }
        InternetAddress a = ReplyBuilder.singleAddress(candidate);
        return a == null ? null : a.getAddress();
    }

    private boolean addressedToUs(IncomingMessage m) {
        for (InternetAddress a : m.to()) if (desk.isOwn(a.getAddress())) return true;
        for (InternetAddress a : m.cc()) if (desk.isOwn(a.getAddress())) return true;
        return false;
    }
}
