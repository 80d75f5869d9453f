package mailclerk.respond;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.List;
import mailclerk.classify.CharGramModel;
import mailclerk.classify.Example;
import mailclerk.classify.ModelMetadata;
import mailclerk.classify.ModelStore;
import mailclerk.classify.TopicModel;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.IncomingMessage;
import mailclerk.queue.ReplyHistory;
import org.junit.jupiter.api.Test;

/** The decision on single messages, with the shipped model and templates. */
class DeciderTest {
    static final Settings SETTINGS = new Settings(new Properties(), Map.of(), Path.of("").toAbsolutePath());
    static final TopicModel MODEL = new ModelStore(Path.of("models")).loadActive();
    final Decider decider = Wiring.decider(SETTINGS, Wiring.templates(SETTINGS));
    final Instant now = Instant.parse("2025-10-14T15:00:00Z");

    Decision decide(IncomingMessage m) {
        return decider.decide(m, MODEL, ReplyHistory.NONE, now);
    }

    static final String FORGOT = "I forgot my PACER password and now I cannot log in. How do I reset it?";

    @Test
    void aClearFaqQuestionIsAnswered() {
        Decision d = decide(TestMessages.filer("", "forgot PACER password", FORGOT));
        assertThat(d.action()).isEqualTo(Action.REPLY);
        assertThat(d.topic()).isEqualTo("forgot-pacer-credentials");
        assertThat(d.recipient()).isEqualTo("pat@lawfirm.example");
    }

    @Test
    void returnPathWinsOverFromAndReplyToIsNeverUsed() {
        Decision d = decide(TestMessages.filer("Return-Path: <bounce-pat@lawfirm.example>\nReply-To: everyone@list.example\n",
                "forgot PACER password", FORGOT));
        assertThat(d.recipient()).isEqualTo("bounce-pat@lawfirm.example");
    }

    @Test
    void aReplyToOurOwnAnswerGoesToAClerk() {
        Decision d = decide(TestMessages.filer("In-Reply-To: <mailclerk.1700000000000.abcdef@iasb.uscourts.gov>\n",
                "Re: forgot PACER password", FORGOT));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("a reply to one of our answers");
    }

    @Test
    void aVagueReplyInSomeoneElsesConversationGoesToAClerk() {
        Decision vague = decide(TestMessages.filer("In-Reply-To: <CAB123@mail.gmail.com>\nReferences: <CAB123@mail.gmail.com>\n",
                "Re: NextGen", "still not working. what now?"));
        assertThat(vague.action()).isEqualTo(Action.FLAG);
        assertThat(vague.reason()).startsWith("a reply in a conversation that is not ours");
        Decision asks = decide(TestMessages.filer("In-Reply-To: <CAB123@mail.gmail.com>\n", "Re: PACER", FORGOT));
        assertThat(asks.action()).as("a FAQ question of its own in the reply").isEqualTo(Action.REPLY);
    }

    @Test
    void severalFromAddressesWithoutReturnPathGoToAClerk() {
        IncomingMessage m = TestMessages.parse("From: a@one.example, b@two.example\nTo: helpdesk@iasb.uscourts.gov\n"
                + "Subject: PACER password\nMessage-ID: <x@one.example>\n\n" + FORGOT + "\n");
        Decision d = decide(m);
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.recipient()).isNull();
    }

    @Test
    void aSenderAtTheCourtsDomainIsNotAnsweredAutomatically() {
        IncomingMessage m = TestMessages.parse("From: Judge Chambers <chambers@iasb.uscourts.gov>\nTo: helpdesk@iasb.uscourts.gov\n"
                + "Subject: PACER password\nMessage-ID: <x@iasb.uscourts.gov>\n\n" + FORGOT + "\n");
        assertThat(decide(m).action()).isEqualTo(Action.FLAG);
    }

    @Test
    void mailThatDoesNotNameTheHelpDeskGoesToAClerk() {
        IncomingMessage m = TestMessages.parse("From: Pat <pat@lawfirm.example>\nTo: someone@else.example\n"
                + "Subject: PACER password\nMessage-ID: <x@lawfirm.example>\n\n" + FORGOT + "\n");
        assertThat(decide(m).reason()).contains("not in To or Cc");
    }

    @Test
    void questionsOutsideTheFaqAndTheTopicWithoutTemplateGoToAClerk() {
        Decision legal = decide(TestMessages.filer("", "chapter question",
                "Should I convert my chapter 13 case to a chapter 7? Will I lose my house?"));
        assertThat(legal.action()).isEqualTo(Action.FLAG);
        Decision query = decide(TestMessages.filer("", "Query error",
                "My PACER account is linked to CM/ECF but when I click Query I get an error about my PACER account."));
        assertThat(query.action()).isEqualTo(Action.FLAG);
    }

    @Test
    void injectionInSubjectAndNameIsJustText() {
        IncomingMessage m = TestMessages.parse("From: \"${env:HOME} ${script:javascript:1+1}\" <pat@lawfirm.example>\n"
                + "To: helpdesk@iasb.uscourts.gov\nSubject: ${sys:user.home} forgot PACER password\n"
                + "Message-ID: <x@lawfirm.example>\n\n" + FORGOT + "\n");
        Decision d = decide(m);
        assertThat(d.action()).isEqualTo(Action.REPLY);
        String body = Wiring.templates(SETTINGS).render(d.topic(), FilerName.of(m.fromName()));
        // not a person's name, so not put into the court's letter at all (ReplyTemplatesTest renders such names)
        assertThat(body).startsWith("Hello,").doesNotContain(System.getProperty("user.home") + ",");
        assertThat(mailclerk.mail.ReplyBuilder.replySubject(m.subject())).isEqualTo("Re: ${sys:user.home} forgot PACER password");
    }

    @Test
    void rateLimitsSendRepeatSendersToAClerk() {
        ReplyHistory already = new ReplyHistory() {
            public boolean isOurReply(String id) {
                return false;
            }

            public java.util.Optional<mailclerk.queue.AnsweredBy> answeredBy(String id) {
                return java.util.Optional.empty();
            }

            public int repliesTo(String address, Instant since) {
                return 0;
            }

            public boolean repliedOnTopic(String address, String topic, Instant since) {
                return address.equals("pat@lawfirm.example") && topic.equals("forgot-pacer-credentials");
            }
        };
        Decision d = decider.decide(TestMessages.filer("", "forgot PACER password", FORGOT), MODEL, already, now);
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).startsWith("rate limit");
    }

    @Test
    void aFollowUpQuotingAnEarlierHelpDeskAnswerGoesToAClerkEvenWithoutReferences() {
        Decision d = decide(TestMessages.filer("", "RE: forgot PACER password", FORGOT + " Your answer did not work.\n\n"
                + "From: IASB Help Desk <helpdesk@iasb.uscourts.gov>\nSent: Monday, October 6, 2025 9:12 AM\n"
                + "To: Pat Filer <pat@lawfirm.example>\nSubject: RE: forgot PACER password\n\nDear Pat,\n"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("follow-up");
    }

    @Test
    void undoingALinkIsNotAnsweredWithHowToLink() {
        Decision d = decide(TestMessages.filer("", "associate left", "An associate left the firm. How do we undo the link "
                + "between his CM/ECF login and our firm's PACER account?"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("undo");
    }

    @Test
    void aPasswordQuestionWithACaseQuestionGoesToAClerk() {
        Decision d = decide(TestMessages.filer("", "password and discharge",
                "I forgot my PACER password. Has the judge signed my discharge in case 25-00731?"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("case");
    }

    @Test
    void backgroundOfAnotherTopicIsNotASecondQuestion() {
        Decision d = decide(TestMessages.filer("", "PACER", "I upgraded my PACER account last week. "
                + "I forgot my PACER password and now I cannot log in. How do I reset it?"));
        assertThat(d.reason()).doesNotContain("more than one question");
    }

    @Test
    void afterGoLiveTheBeforeAnswerIsNeverSent() {
        // written 2025-10-14, long after go-live, but the filer believes the court is not live yet
        Decision d = decide(TestMessages.filer("", "ECF login", "I upgraded my PACER account and now I can't get into "
                + "CM/ECF. You aren't live on NextGen yet, right?"));
        assertThat(d.topic()).isNotEqualTo("cmecf-login-before-nextgen");
    }

    @Test
    void aVersionWithoutASecondModelNeverReplies() throws Exception {
        ModelStore store = new ModelStore(Path.of("models"));
        Path dir = store.versionDir(store.activeVersion().orElseThrow());
        ModelMetadata m = MODEL.metadata();
        ModelMetadata withoutSecond = new ModelMetadata(m.version(), m.trainedAt(), m.algorithm(), m.corpusSize(),
                m.corpusHash(), m.threshold(), m.margin(), m.targetPrecision(), m.folds(), m.cvAccuracy(), m.cvCoverage(),
                m.cvPrecision(), m.cvWrongReplies(), null);
        TopicModel primaryOnly;
        try (var in = java.nio.file.Files.newInputStream(dir.resolve(ModelStore.MODEL_FILE))) {
            primaryOnly = new TopicModel(new opennlp.tools.doccat.DoccatModel(in), withoutSecond);
        }
        Decision d = decider.decide(TestMessages.filer("", "forgot PACER password", FORGOT), primaryOnly, ReplyHistory.NONE, now);
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("no second model");
    }

    @Test
    void aSecondModelThatNamesAnotherTopicStopsTheReply() throws Exception {
        ModelStore store = new ModelStore(Path.of("models"));
        Path dir = store.versionDir(store.activeVersion().orElseThrow());
        // a second opinion that has only ever seen password questions labelled as the fees topic
        CharGramModel contrary = CharGramModel.train(List.of(new Example("store-payment-for-fees", FORGOT),
                new Example("forgot-pacer-credentials", "how do I store my card for filing fees")));
        TopicModel disagreeing;
        try (var in = java.nio.file.Files.newInputStream(dir.resolve(ModelStore.MODEL_FILE))) {
            disagreeing = new TopicModel(new opennlp.tools.doccat.DoccatModel(in), contrary, MODEL.metadata());
        }
        Decision d = decider.decide(TestMessages.filer("", "forgot PACER password", FORGOT), disagreeing, ReplyHistory.NONE, now);
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("second model disagrees");
    }

    @Test
    void aSecondFaqQuestionJoinedInOneSentenceGoesToAClerk() {
        // the joined clause is the firm-credit-card question; the whole sentence reads as store-payment-for-fees
        Decision d = decide(TestMessages.filer("", "card for fees", "How do I store my credit card in PACER to pay filing "
                + "fees, and does the attorney need his own card or can he use the firm card?"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).startsWith("more than one question (two joined in one sentence)").contains("firm-credit-card");
        // switched off, the same message gets the one answer: the rule is what stops it
        Decision without = withoutRule("compound-question").decide(TestMessages.filer("", "card for fees", "How do I store "
                + "my credit card in PACER to pay filing fees, and does the attorney need his own card or can he use the "
                + "firm card?"), MODEL, ReplyHistory.NONE, now);
        assertThat(without.action()).isEqualTo(Action.REPLY);
    }

    @Test
    void aJoinedQuestionCountsWhenOnlyTheSecondModelIsSureOfIt() {
        // the primary model reads "would it cost anything to get a new one?" as registration cost at about 0.3, the
        // character model at about 0.7: a joined clause is a question by its form, so either model may name it
        Decision d = decide(TestMessages.filer("", "password", "I forgot my PACER password and now I cannot log in, "
                + "and would it cost anything to get a new one?"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("pacer-registration-cost");
    }

    @Test
    void aJoinedFollowUpThatAsksNothingNewIsStillAnswered() {
        Decision d = decide(TestMessages.filer("", "password", "I forgot my PACER password and now I cannot log in, "
                + "and is there anything else I need to do?"));
        assertThat(d.action()).isEqualTo(Action.REPLY);
        assertThat(d.topic()).isEqualTo("forgot-pacer-credentials");
    }

    Decider withoutRule(String rule) {
        Properties p = new Properties();
        p.setProperty("classifier.disabled-rules", rule);
        Settings s = new Settings(p, Map.of(), Path.of("").toAbsolutePath());
        return Wiring.decider(s, Wiring.templates(s));
    }
}
