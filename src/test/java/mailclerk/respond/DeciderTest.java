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
    void receivedBeforeGoLiveAndReadAfterItGoesToAClerk() {
        // a backlog: the court received it on Friday before go-live (Monday 2025-04-07), the responder reads it Tuesday
        String received = "Received: from mx.lawfirm.example by mail.iasb.uscourts.gov; Fri, 4 Apr 2025 10:00:00 -0500\n";
        String body = "I upgraded my PACER account and now I can't get into CM/ECF. What should I do?";
        Decision onArrival = decider.decide(TestMessages.filer(received, "ECF login", body), MODEL, ReplyHistory.NONE,
                Instant.parse("2025-04-04T16:00:00Z"));
        assertThat(onArrival.action()).isEqualTo(Action.REPLY);
        assertThat(onArrival.topic()).isEqualTo("cmecf-login-before-nextgen");
        Decision late = decider.decide(TestMessages.filer(received, "ECF login", body), MODEL, ReplyHistory.NONE,
                Instant.parse("2025-04-08T14:00:00Z"));
        assertThat(late.action()).isEqualTo(Action.FLAG);
        assertThat(late.reason()).contains("the court is live now: the before answer is out of date");
        assertThat(decider.outOfDate("cmecf-login-before-nextgen", Instant.parse("2025-04-08T14:00:00Z"))).isTrue();
        assertThat(decider.outOfDate("cmecf-login-before-nextgen", Instant.parse("2025-04-04T14:00:00Z"))).isFalse();
        assertThat(decider.outOfDate("cmecf-login-after-nextgen", Instant.parse("2025-04-08T14:00:00Z"))).isFalse();
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
        // switched off, the embedding reader's veto still stops it (it reads the firm-card question); with both off,
        // the same message gets the one answer: these two are what stop it
        Decision readerOnly = withoutRule("compound-question").decide(TestMessages.filer("", "card for fees", "How do I store "
                + "my credit card in PACER to pay filing fees, and does the attorney need his own card or can he use the "
                + "firm card?"), MODEL, ReplyHistory.NONE, now);
        assertThat(readerOnly.action()).isEqualTo(Action.FLAG);
        assertThat(readerOnly.reason()).contains("reads firm-credit-card");
        Decision without = withoutRule("compound-question,reader").decide(TestMessages.filer("", "card for fees", "How do I store "
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

    // The filer's words below are paraphrases of the FAQ's questions, written for these tests: the fast models, which
    // read words and letter runs, are unsure of them; the embedding reader, which reads meaning, is not.
    static final String REJECTED = "Why was my card rejected when I tried to put it on my PACER account?";

    @Test
    void aParaphraseTheFastModelsAreUnsureOfIsAnsweredOnTheReadersWord() {
        Decision d = decide(TestMessages.filer("", "question", REJECTED));
        assertThat(d.action()).isEqualTo(Action.REPLY);
        assertThat(d.topic()).isEqualTo("card-not-authorized");
        assertThat(d.reason()).startsWith("the embedding reader: card-not-authorized").contains("low confidence");
        // without the reader, the same message goes to a clerk: the reader is what answers it
        Decision without = withoutRule("reader").decide(TestMessages.filer("", "question", REJECTED), MODEL,
                ReplyHistory.NONE, now);
        assertThat(without.action()).isEqualTo(Action.FLAG);
        assertThat(without.reason()).contains("low confidence");
    }

    @Test
    void aSecondQuestionTheReaderReadsGoesToAClerk() {
        Decision d = decide(TestMessages.filer("", "question", REJECTED + " Also, where do I sign in to file once you "
                + "are live?"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).startsWith("more than one question").contains("where-to-login");
    }

    @Test
    void aComplaintThatMentionsATopicIsNotAnsweredWithIt() {
        Decision d = decide(TestMessages.filer("", "complaint", "I was billed for PACER registration and I want a "
                + "refund. Let me talk to a supervisor."));
        assertThat(d.action()).isEqualTo(Action.FLAG);
    }

    @Test
    void aQuestionInTheSubjectDoesNotAnswerAComplaintOrAnotherRequestBelowIt() {
        // each subject is an FAQ question; the body asks something else (written for this test, after an adversarial
        // review found these answered): a clerk's
        Decision withdraw = decide(TestMessages.filer("", "Where do I log in to CM/ECF now?", "I need to withdraw as "
                + "counsel in a pending matter and file a substitution of attorney. What form do I use for that?"));
        assertThat(withdraw.action()).isEqualTo(Action.FLAG);
        Decision complaint = decide(TestMessages.filer("", "How do I register for a PACER account?", "The registration "
                + "page keeps timing out. Honestly your whole website is terrible and I want to file a complaint about it "
                + "with whoever runs it."));
        assertThat(complaint.action()).isEqualTo(Action.FLAG);
        Decision fraud = decide(TestMessages.filer("", "Can I store my credit card in PACER for fees?", "I stored it last "
                + "year and now I see charges on it from PACER that I never made. Who do I report fraud to?"));
        assertThat(fraud.action()).isEqualTo(Action.FLAG);
    }

    @Test
    void thousandsOfQuestionsAreNotReadOneByOne() {
        Decision d = decide(TestMessages.filer("", "How do I reset my PACER password?", "How do I reset it now? ".repeat(10)
                + "Can you help me with it? What should I try? Is the site down today? Who else can I ask? Where is the "
                + "form? Why does it say error? When will it work? Do I need a new account? Is there a fee? Can I call you "
                + "today? Should I wait a day? Will my filings be late? Is my email right? Does my firm know about it?"));
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).contains("more than 12 requests");
    }

    @Test
    void anotherWebsitesLoginIsNotAnsweredWithPacersSteps() {
        // the fast models read a password reset, confidently; nothing in it is the court's
        Decision netflix = decide(TestMessages.filer("", "password", "I forgot my Netflix password, how do I reset it?"));
        assertThat(netflix.action()).isEqualTo(Action.FLAG);
        assertThat(netflix.reason()).contains("names none of the court's systems");
        // a toll road's website: it names none of the court's systems (checked first, as it costs no embedding), and
        // the reader finds the FAQ's card topic unlikely for it
        Decision toll = decide(TestMessages.filer("", "card", "The toll road website rejected my credit card. What now?"));
        assertThat(toll.action()).isEqualTo(Action.FLAG);
        assertThat(toll.reason()).contains("names none of the court's systems");
        Decision tollRead = withoutRule("court-systems").decide(TestMessages.filer("", "card",
                "The toll road website rejected my credit card. What now?"), MODEL, ReplyHistory.NONE, now);
        assertThat(tollRead.action()).isEqualTo(Action.FLAG);
        assertThat(tollRead.reason()).contains("the embedding reader does not support card-not-authorized");
        Decision jury = decide(TestMessages.filer("", "password", "I forgot my password for the court's jury portal. How "
                + "do I reset it?"));
        assertThat(jury.action()).isEqualTo(Action.FLAG);
    }

    @Test
    void contextNeverMakesARequestReadAsOutsideTheFaqAnswerableNorHidesASecondQuestion() {
        // review of issue 19: each of these went to a clerk before requests were read in context, and must still
        String[] clerks = {
                "Hello,\n\nPACER registration cost me nothing last year. How long does it stay valid?\n\nThank you,\nDana Filer",
                "Hello,\n\nPACER registration cost me nothing last year. How long does it stay valid? Can I pay with the "
                        + "firm's Amex?\n\nThank you,\nDana Filer",
                "Hello,\n\nPACER registration cost me nothing last year. How long does it stay valid? Also, can my paralegal "
                        + "use my PACER login?\n\nThank you,\nDana Filer",
                "Hello,\n\nThe filing menus disappeared after I linked my account. Which login do I use now? Also, can my "
                        + "paralegal use my PACER login?\n\nThank you,\nDana Filer",
                "Hello,\n\nAlso, can the firm card pay my fees? I set up PACER MFA on my old phone. Which login do I use "
                        + "now?\n\nThank you,\nDana Filer",
                "I forgot my PACER password and username, both of them, so now I cannot log in and would it cost anything "
                        + "to get a new one?",
                "I forgot my PACER password and reset it this morning. Can you call me about it?",
        };
        for (String text : clerks) {
            Decision d = decide(TestMessages.filer("", "PACER question", text));
            assertThat(d.action()).as(text).isEqualTo(Action.FLAG);
        }
    }

    @Test
    void aStatementOfAnFaqTopicBesideAQuestionOutsideTheFaqGoesToAClerk() {
        // the whole message reads as the stored-card topic; what the filer asks is not that topic's question
        IncomingMessage m = TestMessages.filer("", "question", "Hello,\n\nI have my credit card stored in PACER for "
                + "filing fees. Is the courthouse open the day after Thanksgiving?\n\nThank you,\nPat Filer");
        Decision d = decide(m);
        assertThat(d.action()).isEqualTo(Action.FLAG);
        assertThat(d.reason()).startsWith("store-payment-for-fees is only in what the filer tells");
        assertThat(d.reason()).doesNotContain("courthouse");
        assertThat(withoutRule("asked-topic").decide(m, MODEL, ReplyHistory.NONE, now).action())
                .as("what the rule stops").isEqualTo(Action.REPLY);
        // the same statement with a question about it is answered
        Decision asked = decide(TestMessages.filer("", "question", "Hello,\n\nI have my credit card stored in PACER for "
                + "filing fees, but how do I pick it when I pay a filing fee in CM/ECF?\n\nThank you,\nPat Filer"));
        assertThat(asked.action()).as(asked.reason()).isEqualTo(Action.REPLY);
    }

    Decider withoutRule(String rule) {
        Properties p = new Properties();
        p.setProperty("classifier.disabled-rules", rule);
        Settings s = new Settings(p, Map.of(), Path.of("").toAbsolutePath());
        return Wiring.decider(s, Wiring.templates(s));
    }
}
