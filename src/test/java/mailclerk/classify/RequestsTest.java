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
}
