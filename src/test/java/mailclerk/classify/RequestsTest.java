package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestsTest {
    @Test
    void backgroundSentencesAreNotRequests() {
        assertThat(Requests.isRequest("I upgraded my PACER account last week.")).isFalse();
        assertThat(Requests.isRequest("We linked our accounts in April.")).isFalse();
        assertThat(Requests.isRequest("Our firm has one PACER account that the staff use.")).isFalse();
        assertThat(Requests.isRequest("We do not plan to give every paralegal an account.")).isFalse();
        // "we're" is not the question opener "were", with either apostrophe
        assertThat(Requests.isRequest("We're a two-attorney firm.")).isFalse();
        assertThat(Requests.isRequest("We\u2019re a two-attorney firm.")).isFalse();
        assertThat(Requests.isRequest("Were the accounts linked?")).isTrue();
    }

    @Test
    void questionsRequestsAndProblemsAre() {
        assertThat(Requests.isRequest("How do I link them")).isTrue();
        assertThat(Requests.isRequest("Which login do I use now?")).isTrue();
        assertThat(Requests.isRequest("Please advise.")).isTrue();
        assertThat(Requests.isRequest("Now I can't get into CM/ECF.")).isTrue();
        assertThat(Requests.isRequest("The link page gives me an error.")).isTrue();
        assertThat(Requests.isRequest("I forgot my password.")).isTrue();
    }

    @Test
    void onlyTheRequestsOfAMessageAreKept() {
        assertThat(Requests.requests("I upgraded my PACER account last week.\nNow I cannot log in to CM/ECF. What do I do?"))
                .containsExactly("Now I cannot log in to CM/ECF.", "What do I do?");
    }

    @Test
    void aSentenceThatJoinsASecondQuestionIsTwoClauses() {
        assertThat(Requests.clauses("Can our paralegals keep using the firm's PACER account to look up dockets, "
                + "and would they need to register for accounts of their own?"))
                .containsExactly("Can our paralegals keep using the firm's PACER account to look up dockets",
                        "would they need to register for accounts of their own?");
        assertThat(Requests.clauses("Where do I sign in to CM/ECF now; do I still need my old login?"))
                .containsExactly("Where do I sign in to CM/ECF now", "do I still need my old login?");
        assertThat(Requests.clauses("I linked my accounts yesterday and do I still need my old CM/ECF login?"))
                .containsExactly("I linked my accounts yesterday", "do I still need my old CM/ECF login?");
        assertThat(Requests.clauses("How do I save my card for filing fees, and also can I use it for PACER searches?"))
                .containsExactly("How do I save my card for filing fees", "can I use it for PACER searches?");
        assertThat(Requests.clauses("Do we each need a PACER account, and can the firm pay for them, and will the court "
                + "send us new logins?"))
                .containsExactly("Do we each need a PACER account", "can the firm pay for them", "will the court send us new logins?");
    }

    @Test
    void aNounSubjectStartsAQuestionOnlyInASentenceThatAsksOne() {
        assertThat(Requests.clauses("The card was declined, and is the card still on file?")).hasSize(2);
        assertThat(Requests.clauses("The card was declined and is the same one I used before.")).hasSize(1);
    }

    @Test
    void oneQuestionIsNotSplit() {
        // an alternative between two answers, a condition before the question, and verbs that go on with the request
        assertThat(Requests.clauses("Do I use my new PACER login, or do I use my old CM/ECF login?")).hasSize(1);
        assertThat(Requests.clauses("If I link my accounts, do I still need my old login?")).hasSize(1);
        assertThat(Requests.clauses("Can I print the receipt and have it on file?")).hasSize(1);
        assertThat(Requests.clauses("Should I log out and do the link again?")).hasSize(1);
        assertThat(Requests.clauses("Can I save my card and do it once for all my fees?")).hasSize(1);
        assertThat(Requests.clauses("Sandy and I cannot log in since Monday.")).hasSize(1);
        assertThat(Requests.clauses("My husband and I filed together.")).hasSize(1);
        assertThat(Requests.clauses("We saw the notice and thought it was for another court.")).hasSize(1);
    }

    @Test
    void aSentenceThatAsksForBothIsItsParts() {
        String both = "I have to set up a PACER account for our new associate, and while I'm at it I want the firm's "
                + "card stored for filing fees - how do I do both?";
        assertThat(Requests.asksForBoth(both)).isTrue();
        assertThat(Requests.clauses(both)).containsExactly("I have to set up a PACER account for our new associate",
                "while I'm at it I want the firm's card stored for filing fees", "how do I do both?");
        assertThat(Requests.partsAskedFor(both)).containsExactly("I have to set up a PACER account for our new associate",
                "while I'm at it I want the firm's card stored for filing fees");
        assertThat(Requests.clauses("I need a new PACER account for our paralegal; we also want to store the firm's card "
                + "- can I do both at once?")).containsExactly("I need a new PACER account for our paralegal",
                "we also want to store the firm's card", "can I do both at once?");
    }

    @Test
    void bothAsAWordDoesNotAskForTwoThings() {
        // two people, or two of one thing, is one question
        assertThat(Requests.asksForBoth("My partner and I both cannot log in since the upgrade.")).isFalse();
        assertThat(Requests.asksForBoth("Do we need to link both accounts, the old one and the new one?")).isFalse();
        assertThat(Requests.asksForBoth("Both of us use the firm's PACER account - is that allowed?")).isFalse();
        assertThat(Requests.clauses("Both of us use the firm's PACER account - is that allowed?")).hasSize(1);
    }

    @Test
    void aBothSentenceStillSplitsAtAJoinedSecondQuestionAndKeepsEveryPartThatNamesSomething() {
        // "both of them" must not switch off the joined-question split (review of issue 19)
        assertThat(Requests.clauses("I forgot my PACER password and username, both of them, so now I cannot log in and "
                + "would it cost anything to get a new one?")).contains("would it cost anything to get a new one?");
        // only a part that asks how to do the others and names nothing is left out
        assertThat(Requests.partsAskedFor("I was charged twice for my PACER registration - can I get both refunded?"))
                .containsExactly("I was charged twice for my PACER registration", "can I get both refunded?");
    }
}
