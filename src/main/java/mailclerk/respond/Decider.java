package mailclerk.respond;

import jakarta.mail.internet.InternetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import mailclerk.classify.AskedTopic;
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
import mailclerk.respond.rules.CallRequestRule;
import mailclerk.respond.rules.CaseQuestionRule;
import mailclerk.respond.rules.CourtSystemsRule;
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
    /** Checked once a topic is chosen, so that mail outside the FAQ keeps that reason for the clerk. */
    private final Optional<FlagRule> systems;

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
                new AccountActionRule(), new CaseQuestionRule(), new CallRequestRule());
        this.flagRules = all.stream().filter(r -> rules.enabled(r.id())).toList();
        this.systems = rules.enabled("court-systems") ? Optional.of(new CourtSystemsRule()) : Optional.empty();
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
            nextGen = nextGen(ownWords, written, now);
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
        Optional<String> withClerk = history.withClerk(m.messageId());
        if (withClerk.isPresent()) {
            return flag.asFlag("a copy of this message is already with a clerk" + (withClerk.get().isEmpty() ? ""
                    : " (at " + withClerk.get() + ")") + ": no automatic answer beside theirs");
        }
        for (FlagRule rule : flagRules) {
            Optional<String> reason = rule.check(read(m, ownWords), topic);
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
        String unsure = fastModelsUnsure(model, choice, topic, text, threshold, conf);
        double confidence = choice.confidence();
        String why = "confident " + topic + " " + conf;

        // the rate limits before the embedding reader, which costs milliseconds: a backlog from one busy sender is
        // refused cheaply (they are checked again for the final topic below)
        Optional<String> limited = rateLimit(history, recipient, unsure == null ? topic : null, now);
        if (limited.isPresent()) return flag.asFlag(limited.get());
        if (unsure == null) {
            // where the fast models answer, what would flag the message anyway is checked before the reader too: the
            // reader can only stop such an answer, never change its topic
            Optional<String> anyway = flaggedAnyway(m, ownWords, model, topic, nextGen, Double.NaN);
            if (anyway.isPresent()) return flag.asFlag(anyway.get());
        }
        if (rules.enabled("reader") && model.hasReader()) {
            mailclerk.classify.ReaderInfo info = meta.reader();
            Prediction readerPrediction = model.readerOpinion(text).orElseThrow();
            TopicChoice reading = TopicChoice.of(readerPrediction);
            boolean readerSure = reading.confident(info.threshold(), info.margin());
            String readerSays = String.format(Locale.ROOT, "the embedding reader: %s %.2f", reading.topic(), reading.confidence());
            double support = support(readerPrediction, topic);
            if (unsure == null && support < READER_SUPPORT) {
                // the fast models agree, but the reader finds their topic unlikely: it reads another question, or none
                // of the FAQ's
                return flag.asFlag(String.format(Locale.ROOT, "the embedding reader does not support %s (%.2f < %.2f): "
                        + "it reads %s %.2f", Topics.family(topic), support, READER_SUPPORT, reading.topic(), reading.confidence()));
            }
            if (unsure != null && readerSure && !Topics.OTHER.equals(reading.topic())) {
                // the fast models are unsure, the reader is confident: its topic stands, and every rule that looked at
                // the topic looks again
                topic = reading.topic();
                nextGen = null;
                if (Topics.NEXTGEN_PAIR.contains(topic) && rules.enabled("problem-time")) {
                    nextGen = nextGen(ownWords, written, now);
                    if (nextGen.topic() != null) topic = nextGen.topic();
                }
                confidence = reading.confidence();
                flag = new Decision(Action.FLAG, topic, confidence, "", prediction.top(3), null, meta.version());
                SentenceTopics.ReaderRequests requested = SentenceTopics.readerRequests(m.subject(), ownWords, model,
                        info.threshold());
                if (requested.unread()) {
                    return flag.asFlag("more than " + SentenceTopics.MAX_READER_UNITS + " requests: a person should read it");
                }
                if (!requested.asks(Topics.family(topic))) {
                    return flag.asFlag(unsure + "; " + readerSays + " for the whole message, but for none of its "
                            + "requests by itself: a person should read it");
                }
                if (requested.outsideFaq()) {
                    return flag.asFlag(unsure + "; " + readerSays + ", but another of its requests is outside the FAQ");
                }
                // every family read in the requests, alone or in context, with the reply's own: two are a clerk's
                Set<String> asked = new java.util.LinkedHashSet<>(requested.families());
                asked.addAll(requested.inContext());
                asked.add(Topics.family(topic));
                if (asked.size() > 1 && rules.enabled("reader-questions")) {
                    // a reply that stands on the reader stands on its reading of every request: two questions are a clerk's
                    return flag.asFlag("more than one question (read by the embedding reader): " + String.join(", ", asked));
                }
                if (rules.enabled("follow-up") && replyInAnotherConversation(m) && !asksOfItsOwn(ownWords, model, topic)) {
                    return flag.asFlag("a reply in a conversation that is not ours, with no FAQ question of its own: a "
                            + "person should read it");
                }
                for (FlagRule rule : flagRules) {
                    Optional<String> reason = rule.check(read(m, ownWords), topic);
                    if (reason.isPresent()) return flag.asFlag(reason.get());
                }
                why = readerSays + " (" + unsure + ")";
                unsure = null;
            } else if (unsure != null) {
                unsure += "; " + readerSays;
            }
        }
        if (unsure != null) return flag.asFlag(unsure);
        // where the fast models answer, their own per-sentence check; the reader's reading of every request as well
        // only when an administrator sets a bar for it (docs/classifier.md: at the reader's threshold it took restated
        // questions for second ones)
        double readerBar = rules.enabled("reader-questions") && model.hasReader() ? rules.readerQuestionConfidence() : Double.NaN;
        Optional<String> anyway = flaggedAnyway(m, ownWords, model, topic, nextGen, readerBar);
        if (anyway.isPresent()) return flag.asFlag(anyway.get());
        if (rules.enabled("asked-topic")) {
            // the topic may be in what the filer tells, and the question about something else (docs/classifier.md)
            AskedTopic.Verdict asked = AskedTopic.check(ownWords, model, Topics.family(topic));
            // the reason is logged at INFO: it names the topic, never quotes the filer's words
            if (asked == AskedTopic.Verdict.NOT_ASKED) {
                return flag.asFlag(Topics.family(topic) + " is only in what the filer tells; what they ask reads as "
                        + "outside the FAQ: a person should read it");
            }
            if (asked == AskedTopic.Verdict.TOO_MANY) {
                return flag.asFlag("more than " + SentenceTopics.MAX_READER_UNITS + " requests: a person should read it");
            }
        }
        Optional<String> overLimit = rateLimit(history, recipient, topic, now);
        if (overLimit.isPresent()) return flag.asFlag(overLimit.get());
        if (nextGen != null) why += " (" + nextGen.why() + ")";
        return new Decision(Action.REPLY, topic, confidence, why, prediction.top(3), recipient, meta.version());
    }

    /**
     * What flags a message whose topic is chosen: a mention of another court system, a NextGen message whose time is
     * unclear, a topic without an approved answer, or more than one question ({@code readerBar}: the embedding
     * reader's bar for reading each request too; NaN: the fast models alone).
     */
    private Optional<String> flaggedAnyway(IncomingMessage m, String ownWords, TopicModel model, String topic,
                                           NextGenCalendar.Choice nextGen, double readerBar) {
        if (systems.isPresent()) {
            Optional<String> reason = systems.get().check(read(m, ownWords), topic);
            if (reason.isPresent()) return reason;
        }
        if (nextGen != null && nextGen.topic() == null) {
            return Optional.of("NextGen before or after go-live unclear: " + nextGen.why());
        }
        if (!templates.hasTemplate(topic)) return Optional.of("no approved template for " + topic);
        SentenceTopics.Questions asked = SentenceTopics.questions(ownWords, model, rules.splitQuestionConfidence(),
                rules.enabled("requests-only"), rules.enabled("compound-question"), readerBar);
        String family = Topics.family(topic);
        Set<String> questions = new java.util.LinkedHashSet<>(asked.families());
        questions.add(family);
        if (asked.unread()) {
            return Optional.of("more than " + SentenceTopics.MAX_READER_UNITS + " requests: a person should read it");
        }
        if (questions.size() > 1) {
            Set<String> joined = new java.util.LinkedHashSet<>(asked.joined());
            joined.add(family);
            return Optional.of("more than one question" + (joined.size() > 1 ? " (two joined in one sentence)" : "")
                    + ": " + String.join(", ", questions));
        }
        return Optional.empty();
    }

    /**
     * The least probability the embedding reader must give the fast models' topic family before they may answer
     * alone. Chosen on the corpus's held-out folds (train, 2,908 examples): with the pair's own rule, a bar of 0.2 took
     * the pair's wrong replies from 17 to 6 for 19 fewer replies of 1,834; vetoing only where the reader is confident of
     * another topic left 8; bars of 0.3 and above removed no more wrong ones.
     */
    static final double READER_SUPPORT = 0.2;

    /** The reader's probability for the topic's family (both NextGen answers are one question). */
    private static double support(Prediction reader, String topic) {
        double sum = 0;
        for (mailclerk.classify.TopicScore s : reader.top(Integer.MAX_VALUE)) {
            if (Topics.family(s.topic()).equals(Topics.family(topic))) sum += s.probability();
        }
        return sum;
    }

    /**
     * The calendar's choice, except that the before answer is never chosen once the court is live: a message received
     * the day before go-live and read the day after (a backlog) asked about a state of things that has ended.
     */
    private NextGenCalendar.Choice nextGen(String ownWords, Instant received, Instant now) {
        NextGenCalendar.Choice c = calendar.choose(ownWords, received);
        if (calendar.outOfDate(c.topic(), now)) {
            return new NextGenCalendar.Choice(null, c.why() + ", but the court is live now: the before answer is out of date");
        }
        return c;
    }

    /** The rate limit this reply would break: this answer lately ({@code topic} null: not asked), or today's count. */
    private Optional<String> rateLimit(ReplyHistory history, String recipient, String topic, Instant now) {
        if (topic != null && history.repliedOnTopic(recipient, topic, now.minus(rules.replyInterval()))) {
            return Optional.of("rate limit: sender already got this answer within " + rules.replyInterval().toDays() + " days");
        }
        if (history.repliesTo(recipient, now.minus(java.time.Duration.ofDays(1))) >= rules.maxRepliesPerSenderPerDay()) {
            return Optional.of("rate limit: " + rules.maxRepliesPerSenderPerDay() + " automatic replies to this sender today");
        }
        return Optional.empty();
    }

    /** Whether an answer decided earlier must not go out now (the before-go-live answer once the court is live). */
    public boolean outOfDate(String topic, Instant now) {
        return calendar.outOfDate(topic, now);
    }

    private static MessageText read(IncomingMessage m, String ownWords) {
        return MessageText.of(m.subject(), m.text(), ownWords);
    }

    /**
     * Why the fast models (the OpenNLP categorizer and the character model behind it) do not answer this message by
     * themselves, or null when they do: a topic, confident, and the second model agreeing.
     */
    private String fastModelsUnsure(TopicModel model, TopicChoice choice, String topic, String text, double threshold,
                                    String conf) {
        if (Topics.OTHER.equals(topic)) return "outside the FAQ (confidence " + conf + ")";
        if (!choice.confident(threshold, model.metadata().margin())) {
            return String.format(Locale.ROOT, "low confidence: %s %.2f < %.2f or margin %.2f < %.2f",
                    topic, choice.confidence(), threshold, choice.margin(), model.metadata().margin());
        }
        if (rules.enabled("second-model")) return secondOpinion(model, text, topic).orElse(null);
        return null;
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
