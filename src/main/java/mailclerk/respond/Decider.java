package mailclerk.respond;

import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.SecondModelInfo;
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
import mailclerk.respond.rules.AccountActionRule;
import mailclerk.respond.rules.CaseQuestionRule;
import mailclerk.respond.rules.FlagRule;
import mailclerk.respond.rules.FollowUpRule;
import mailclerk.respond.rules.LanguageRule;
import mailclerk.respond.rules.MessageText;
import mailclerk.respond.rules.OtherCourtRule;

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
    private final List<FlagRule> flagRules;

    public Decider(HelpDesk desk, ReplyTemplates templates, NextGenCalendar calendar, DecisionRules rules) {
        this.desk = desk;
        this.screening = new Screening(desk);
        this.templates = templates;
        this.calendar = calendar;
        this.rules = rules;
        List<String> ours = new ArrayList<>(desk.ownAddresses());
        ours.add(desk.displayName());
        ours.add("@" + desk.domain()); // a clerk who answered from her own court mailbox
        List<FlagRule> all = List.of(new FollowUpRule(ours, templates.texts()), new LanguageRule(), new OtherCourtRule(rules.court()),
                new AccountActionRule(), new CaseQuestionRule());
        this.flagRules = all.stream().filter(r -> rules.enabled(r.id())).toList();
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
        // when the court received it (INTERNALDATE; in a file, the newest Received line), not the sender's Date header:
        // a wrong or forged old date must not bring back the "not live yet" answer
        Instant written = m.receivedOrDated() == null ? now : m.receivedOrDated();
        NextGenCalendar.Choice nextGen = null;
        if (Topics.NEXTGEN_PAIR.contains(topic) && rules.enabled("problem-time")) {
            nextGen = calendar.choose(ownWords, written);
            if (nextGen.topic() != null) topic = nextGen.topic();
        }
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
                return flag.asFlag("a reply to one of our answers (automatic or a clerk's): a person should read it");
            }
        }
        Optional<mailclerk.queue.AnsweredBy> answeredBy = history.answeredBy(m.messageId());
        if (answeredBy.isPresent()) return flag.asFlag(answeredBy.get().reason());
        String recipient = recipient(m);
        if (recipient == null) return flag.asFlag("no single reply address (Return-Path or one From)");
        if (desk.isOwnDomain(recipient)) return flag.asFlag("sender is at the court's own domain");
        if (!rules.onlyToDomain().isEmpty() && !recipient.toLowerCase(Locale.ROOT).endsWith("@" + rules.onlyToDomain())) {
            return flag.asFlag("replies go only to @" + rules.onlyToDomain() + " (a test mailbox)");
        }
        if (rules.requireAddressed() && !addressedToUs(m)) {
            return flag.asFlag("the help desk is not in To or Cc");
        }
        if (text.isBlank()) return flag.asFlag("no text to read");
        MessageText read = MessageText.of(m.subject(), m.text(), ownWords);
        for (FlagRule rule : flagRules) {
            Optional<String> reason = rule.check(read, topic);
            if (reason.isPresent()) return flag.asFlag(reason.get());
        }
        if (rules.enabled("follow-up") && replyInAnotherConversation(m) && !asksOfItsOwn(ownWords, model, topic)) {
            // "Re: NextGen - still not working. what now?": it continues something we cannot see, and asks nothing the
            // FAQ answers in words of its own; the whole message may still look like a topic, which is not enough
            return flag.asFlag("a reply in a conversation that is not ours, with no FAQ question of its own: a person should "
                    + "read it");
        }

        double threshold = Double.isNaN(rules.thresholdOverride()) ? meta.threshold() : rules.thresholdOverride();
        String conf = String.format(Locale.ROOT, "%.2f", choice.confidence());
        if (Topics.OTHER.equals(topic)) {
            return flag.asFlag("outside the FAQ (confidence " + conf + ")");
        }
        if (!choice.confident(threshold, meta.margin())) {
            return flag.asFlag(String.format(Locale.ROOT, "low confidence: %s %.2f < %.2f or margin %.2f < %.2f",
                    topic, choice.confidence(), threshold, choice.margin(), meta.margin()));
        }
        if (nextGen != null && nextGen.topic() == null) {
            return flag.asFlag("NextGen before or after go-live unclear: " + nextGen.why());
        }
        if (!templates.hasTemplate(topic)) {
            return flag.asFlag("no approved template for " + topic);
        }
        if (rules.enabled("second-model")) {
            Optional<String> disagreement = secondOpinion(model, text, topic);
            if (disagreement.isPresent()) return flag.asFlag(disagreement.get());
        }
        SentenceTopics.Questions asked = SentenceTopics.questions(ownWords, model, rules.splitQuestionConfidence(),
                rules.enabled("requests-only"), rules.enabled("compound-question"));
        String family = Topics.family(topic);
        Set<String> questions = new java.util.LinkedHashSet<>(asked.families());
        questions.add(family);
        if (questions.size() > 1) {
            Set<String> joined = new java.util.LinkedHashSet<>(asked.joined());
            joined.add(family);
            return flag.asFlag("more than one question" + (joined.size() > 1 ? " (two joined in one sentence)" : "")
                    + ": " + String.join(", ", questions));
        }
        if (history.repliedOnTopic(recipient, topic, now.minus(rules.replyInterval()))) {
            return flag.asFlag("rate limit: sender already got this answer within " + rules.replyInterval().toDays() + " days");
        }
        if (history.repliesTo(recipient, now.minus(java.time.Duration.ofDays(1))) >= rules.maxRepliesPerSenderPerDay()) {
            return flag.asFlag("rate limit: " + rules.maxRepliesPerSenderPerDay() + " automatic replies to this sender today");
        }
        String why = "confident " + topic + " " + conf;
        if (nextGen != null) why += " (" + nextGen.why() + ")";
        return new Decision(Action.REPLY, topic, choice.confidence(), why, prediction.top(3), recipient, meta.version());
    }

    /**
     * Before every automatic reply, the independent second model must name the same topic family and be confident
     * by its own rule (chosen on held-out folds by {@code train}). A version without a second model never replies.
     */
    private static Optional<String> secondOpinion(TopicModel model, String text, String topic) {
        SecondModelInfo info = model.metadata().second();
        Optional<Prediction> second = model.secondOpinion(text);
        if (info == null || second.isEmpty()) {
            return Optional.of("model " + model.metadata().version() + " has no second model: retrain it");
        }
        TopicChoice c = TopicChoice.of(second.get());
        if (!Topics.family(c.topic()).equals(Topics.family(topic))) {
            return Optional.of(String.format(Locale.ROOT, "the second model disagrees: %s %.2f", c.topic(), c.confidence()));
        }
        if (!c.confident(info.threshold(), info.margin())) {
            return Optional.of(String.format(Locale.ROOT, "the second model is not confident: %s %.2f < %.2f or margin %.2f < %.2f",
                    c.topic(), c.confidence(), info.threshold(), c.margin(), info.margin()));
        }
        return Optional.empty();
    }

    private static final java.util.regex.Pattern REPLY_SUBJECT =
            java.util.regex.Pattern.compile("^\\s*(?:re|aw|sv|vs|antw|odp|r)\\s*(?:\\[[0-9]{1,3}\\])?\\s*:", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** A request long enough to carry a question by itself ("what now?" does not; "how do I reset my password?" does). */
    private static final int OWN_QUESTION_TOKENS = 8;

    /**
     * Whether the filer's own words ask something of their own: a request the model reads as this topic by itself,
     * or a request long enough to be a question without the conversation before it.
     */
    private boolean asksOfItsOwn(String ownWords, TopicModel model, String topic) {
        if (SentenceTopics.families(ownWords, model, rules.splitQuestionConfidence(), true).contains(Topics.family(topic))) {
            return true;
        }
        for (String r : mailclerk.classify.Requests.requests(ownWords)) {
            if (Tokens.of(r).length >= OWN_QUESTION_TOKENS) return true;
        }
        return false;
    }

    /** A reply ("Re:") to a message that is not one of ours (those were flagged earlier as follow-ups). */
    private static boolean replyInAnotherConversation(IncomingMessage m) {
        return !m.references().isEmpty() && m.subject() != null && REPLY_SUBJECT.matcher(m.subject()).find();
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
