package mailclerk.respond.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The clerk rules on the kinds of mail issue 9 describes, and on the ordinary questions they must let through. */
class RulesTest {
    static final List<String> OURS = List.of("helpdesk@iasb.uscourts.gov", "iasb help desk", "@iasb.uscourts.gov");
    static final String ANSWER = "Attorneys can enter whichever credit card they want when registering for PACER. "
            + "They do not have to use their own.";
    final FollowUpRule followUp = new FollowUpRule(OURS, List.of(ANSWER));

    static MessageText mail(String raw, String ownWords) {
        return MessageText.of("PACER question", raw, ownWords);
    }

    static MessageText mail(String text) {
        return mail(text, text);
    }

    @Test
    void aFollowUpAboveAnOutlookBlockFromTheHelpDeskGoesToAClerk() {
        String own = "That did not help, I still cannot get in.";
        String raw = own + "\n\nFrom: IASB Help Desk <helpdesk@iasb.uscourts.gov>\nSent: Monday, May 5, 2025 9:12 AM\n"
                + "To: Pat Filer <pat@firm.example>\nSubject: RE: PACER question\n\nDear Pat, ...";
        assertThat(followUp.check(mail(raw, own), "forgot-pacer-credentials")).isPresent();
        String original = own + "\n-----Original Message-----\nFrom: helpdesk@iasb.uscourts.gov\nSent: Monday\n";
        assertThat(followUp.check(mail(original, own), "forgot-pacer-credentials")).isPresent();
        String wrote = own + "\n\nOn Mon, May 5, 2025 at 9:12 AM IASB Help Desk <helpdesk@iasb.uscourts.gov> wrote:\n> Dear Pat";
        assertThat(followUp.check(mail(wrote, own), "forgot-pacer-credentials")).isPresent();
    }

    @Test
    void aQuotedEarlierAnswerWithoutHeadersIsAFollowUpButCitingTheFaqInOwnWordsIsNot() {
        String own = "Does that mean the firm card is fine?";
        String quoted = own + "\n\n> " + ANSWER + "\n";
        assertThat(followUp.check(mail(quoted, own), "firm-credit-card")).isPresent();
        String cited = "Your FAQ says attorneys can enter whichever credit card they want when registering for PACER. "
                + "Can my associate use the firm card?";
        assertThat(followUp.check(mail(cited), "firm-credit-card")).isEmpty();
    }

    @Test
    void theFilersOwnEarlierMessageToUsIsNotOurs() {
        // HTML conversion can put Outlook's whole header block on one line: only the From part counts
        String own = "Sending this again, no answer yet. How do I register for PACER?";
        String raw = own + "\n\nFrom: Pat Filer <pat@firm.example> Sent: Monday To: IASB Help Desk <helpdesk@iasb.uscourts.gov> Subject: PACER\n";
        assertThat(followUp.check(mail(raw, own), "register-new-pacer-account")).isEmpty();
    }

    @Test
    void mailThatNamesNoneOfTheCourtsSystemsIsAboutAnotherWebsite() {
        CourtSystemsRule rule = new CourtSystemsRule();
        java.util.function.Function<String, MessageText> plain = t -> MessageText.of("question", t, t);
        assertThat(rule.check(plain.apply("I forgot my Netflix password, how do I reset it?"), "forgot-pacer-credentials"))
                .get().asString().contains("names none of the court's systems");
        assertThat(rule.check(plain.apply("Where do I log in to see my 401k?"), "where-to-login")).isPresent();
        assertThat(rule.check(plain.apply("I forgot my PACER password, how do I reset it?"), "forgot-pacer-credentials")).isEmpty();
        assertThat(rule.check(plain.apply("getting an error linking my accounts"), "linking-error")).isEmpty();
        assertThat(rule.check(plain.apply("Had to log in again to pay for my chapter 7 petition."), "login-again-to-pay")).isEmpty();
        assertThat(rule.check(plain.apply("I forgot the password for the court's public wifi in the clerk's lobby."),
                "forgot-pacer-credentials")).get().asString().contains("another of the court's systems");
        assertThat(rule.check(plain.apply("My PACER password for the eJuror site does not work."), "forgot-pacer-credentials"))
                .isPresent();
        // the subject counts: "PACER" there and a bare question below is an ordinary filer's mail
        assertThat(rule.check(MessageText.of("PACER", "forgot my password", "forgot my password"),
                "forgot-pacer-credentials")).isEmpty();
        // "filed" is not "profile", "courtesy" is not "court"
        assertThat(rule.check(plain.apply("How do I update my profile? Thanks for the courtesy."), "forgot-pacer-credentials"))
                .isPresent();
    }

    @Test
    void undoingOrChangingAnAccountGoesToAClerkLinkingDoesNot() {
        AccountActionRule rule = new AccountActionRule();
        assertThat(rule.check(mail("An associate left the firm. How do we undo the link between his CM/ECF login and "
                + "our firm's PACER account?"), "link-to-firm-pacer-login")).get().asString().contains("undo");
        assertThat(rule.check(mail("Can you unlink my account from the old firm?"), "linking-error")).isPresent();
        assertThat(rule.check(mail("Can you separate our accounts? The associate is leaving."), "link-to-firm-pacer-login"))
                .isPresent();
        assertThat(rule.check(mail("Do we need separate PACER accounts for each attorney?"), "firm-shared-pacer-account"))
                .isEmpty();
        assertThat(rule.check(mail("How do I change the email address on my PACER account?"), "other")).isPresent();
        assertThat(rule.check(mail("Can an individual attorney CM/ECF login be linked to the firm PACER login?"),
                "link-to-firm-pacer-login")).isEmpty();
        assertThat(rule.check(mail("I forgot my PACER password. Can you reset it?"), "forgot-pacer-credentials")).isEmpty();
        // background, not a request
        assertThat(rule.check(mail("We removed the old card last year. Now the new card was not authorized, what do I do?"),
                "card-not-authorized")).isEmpty();
    }

    @Test
    void aCaseQuestionNextToAnFaqQuestionGoesToAClerk() {
        CaseQuestionRule rule = new CaseQuestionRule();
        assertThat(rule.check(mail("I forgot my PACER password. Has the judge signed my discharge in case 25-00731?"),
                "forgot-pacer-credentials")).isPresent();
        assertThat(rule.check(mail("When is the hearing on my motion?"), "other")).isPresent();
        assertThat(rule.check(mail("I e-filed a document with a fee and it makes me log in to PACER again. Why?"),
                "login-again-to-pay")).isEmpty();
        // a case number in the background is not a case question
        assertThat(rule.check(mail("While filing in case 25-00731 yesterday I paid the fee.\nWhy does it ask me to log in again?"),
                "login-again-to-pay")).isEmpty();
    }

    @Test
    void mailNotInEnglishGoesToAClerkTelegraphicEnglishDoesNot() {
        LanguageRule rule = new LanguageRule();
        assertThat(rule.check(mail("No puedo entrar a mi cuenta de PACER desde el cambio. ¿Qué debo hacer para "
                + "vincular la cuenta con CM/ECF?"), "linking-error")).isPresent();
        assertThat(rule.check(mail("NG CSO login ECF creds not working pls advise asap"), "cmecf-login-after-nextgen")).isEmpty();
        assertThat(rule.check(mail("I forgot my PACER password and now I cannot log in. How do I reset it?"),
                "forgot-pacer-credentials")).isEmpty();
    }

    @Test
    void anotherCourtGoesToAClerkExceptForTheAnswerAboutOtherCourts() {
        OtherCourtRule rule = new OtherCourtRule();
        assertThat(rule.check(mail("Where do I log in to CM/ECF for the Northern District of Iowa?"), "where-to-login")).isPresent();
        assertThat(rule.check(mail("Is the bankruptcy court in Nebraska live on NextGen?"), "where-to-login")).isPresent();
        assertThat(rule.check(mail("Do I still need my CM/ECF login for the Northern District after linking here?"),
                "remember-cmecf-login")).isEmpty();
        assertThat(rule.check(mail("Where do I log in to CM/ECF once you are live?"), "where-to-login")).isEmpty();
    }

    @Test
    void theCourtsOwnNamesComeFromSettingsAndTheNationalSitesNameNoCourt() {
        OtherCourtRule iowa = new OtherCourtRule(CourtIdentity.IASB);
        OtherCourtRule nevada = new OtherCourtRule(new CourtIdentity("nvb", "Nevada", ""));
        String[] nevadaMail = {"Where do I log in to CM/ECF for the District of Nevada now?",
            "Is the bankruptcy court in Nevada live on NextGen yet? Where do I log in?",
            "Do I still log in at ecf.nvb.uscourts.gov after NextGen?"};
        for (String m : nevadaMail) {
            assertThat(nevada.check(mail(m), "where-to-login")).as("Nevada's own court, at Nevada: " + m).isEmpty();
            assertThat(iowa.check(mail(m), "where-to-login")).as("another court, at Iowa: " + m).isPresent();
        }
        String[] iowaMail = {"Where do I log in to CM/ECF for the Southern District of Iowa?", "Is S.D. Iowa live on NextGen?",
            "Do I still log in at ecf.iasb.uscourts.gov?"};
        for (String m : iowaMail) {
            assertThat(iowa.check(mail(m), "where-to-login")).as("Iowa's own court, at Iowa: " + m).isEmpty();
            assertThat(nevada.check(mail(m), "where-to-login")).as("another court, at Nevada: " + m).isPresent();
        }
        for (String m : new String[] {"I log in at pacer.uscourts.gov but CM/ECF says my account is not linked. What now?",
            "The notice on www.uscourts.gov says NextGen is coming. Where do I log in?"}) {
            assertThat(iowa.check(mail(m), "where-to-login")).as(m).isEmpty();
            assertThat(nevada.check(mail(m), "where-to-login")).as(m).isEmpty();
        }
        assertThat(iowa.check(mail("Is the Northern District of Iowa live?"), "where-to-login")).isPresent();
        assertThat(iowa.check(mail("Where do I log in for N.D. Iowa?"), "where-to-login")).isPresent();
        // how lawyers cite other courts, and another court's site that is not a bankruptcy court's
        for (String m : new String[] {"Is the Southern District of NY live on NextGen?", "I also file in the S.D.N.Y. Is it the same login?",
            "Does S.D. Tex. use the same PACER account?", "Our D.N.J. login still works, why not yours?",
            "Do I log in at www.ca8.uscourts.gov for this?", "Is D. Mass. on NextGen yet?"}) {
            assertThat(iowa.check(mail(m), "where-to-login")).as(m).isPresent();
        }
        for (String m : new String[] {"Is the Southern District of Iowa live?", "We only file in S.D. Iowa.",
            "I have a Ph.D. and still cannot log in. Where do I log in?", "Please call me at 515-555-0100, Pat D. Smith."}) {
            assertThat(iowa.check(mail(m), "where-to-login")).as(m).isEmpty();
        }
        assertThat(CourtIdentity.codeOf("www.nvb.uscourts.gov")).isEqualTo("nvb");
        assertThat(CourtIdentity.codeOf("https://www.iasb.uscourts.gov/")).isEqualTo("iasb");
    }

    @Test
    void hostileTextTakesLinearTime() {
        // long runs that make backtracking patterns explode (issue 8): every rule must stay fast on them
        String[] hostile = {"a".repeat(200_000), "on ".repeat(60_000) + "wrote", "from: ".repeat(40_000),
                ("change " + "x ".repeat(30)).repeat(3_000), "judge ".repeat(40_000) + "?", "> ".repeat(100_000),
                "cm" + " ".repeat(100_000) + "x", "s.d. ".repeat(40_000), "link a b ".repeat(20_000), "southern district of ".repeat(10_000)};
        List<FlagRule> rules = List.of(followUp, new AccountActionRule(), new CaseQuestionRule(), new LanguageRule(),
                new OtherCourtRule(), new CourtSystemsRule());
        long t0 = System.nanoTime();
        for (String h : hostile) {
            MessageText t = mail(h + "\n" + h, h);
            for (FlagRule r : rules) r.check(t, "where-to-login");
        }
        assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10.0);
    }

    @Test
    void aRequestToBeCalledGoesToAClerkAPhoneNumberInASignatureDoesNot() {
        CallRequestRule rule = new CallRequestRule();
        assertThat(rule.check(mail("I forgot my PACER password and reset it this morning. Can you call me about it?"),
                "forgot-pacer-credentials")).get().asString().contains("asks to be called");
        assertThat(rule.check(mail("How do I link my accounts? Please call me back at 515-555-0100."), "linking-error")).isPresent();
        assertThat(rule.check(mail("Is there someone I can speak with about my PACER login?"), "where-to-login")).isPresent();
        assertThat(rule.check(mail("How do I link my accounts?\n\nJane Doe\nPhone 515-555-0100"), "linking-error")).isEmpty();
        assertThat(rule.check(mail("I called PACER yesterday and they said to ask you. How do I link my accounts?"),
                "linking-error")).isEmpty();
        // a forwarded note asking a colleague to call the court asks nothing of the court
        assertThat(rule.check(mail("I can't file anything. Can you call the court or email them?"), "linking-error")).isEmpty();
    }
}
