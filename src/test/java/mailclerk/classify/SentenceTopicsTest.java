package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The embedding reader's reading of each request, on the shipped model. */
class SentenceTopicsTest {
    static final TopicModel MODEL = new ModelStore(Path.of("models")).loadActive();
    static final double BAR = MODEL.metadata().reader().threshold();

    @Test
    void aRequestThatSaysItIsReadWithTheSentenceBeforeIt() {
        // alone, "Which login do I use now?" could be any login question; the sentence before says which
        SentenceTopics.ReaderRequests r = SentenceTopics.readerRequests("question",
                "I upgraded my PACER account last week. Which login do I use now?", MODEL, BAR);
        assertThat(r.families()).isEmpty();
        assertThat(r.inContext()).containsExactly("cmecf-login-upgraded");
        assertThat(r.asks("cmecf-login-upgraded")).isTrue();
        assertThat(r.outsideFaq()).isFalse();

        // a greeting is no context, and with a second request none is used (review of issue 19)
        assertThat(SentenceTopics.readerRequests("question", "Hello,\nWhich login do I use now?", MODEL, BAR)
                .inContext()).isEmpty();
        assertThat(SentenceTopics.readerRequests("question", "I upgraded my PACER account last week. Which login do I use "
                + "now? Also, can my paralegal use my PACER login?", MODEL, BAR).inContext()).isEmpty();
    }

    @Test
    void contextNeverClearsARequestReadAsOutsideTheFaq() {
        SentenceTopics.ReaderRequests r = SentenceTopics.readerRequests("question",
                "Our firm has one PACER account that all the attorneys share. Is that still allowed?", MODEL, BAR);
        assertThat(r.outsideFaq()).isTrue();
        assertThat(r.inContext()).isEmpty();
    }

    @Test
    void aRequestAfterAnotherRequestGetsNoContext() {
        SentenceTopics.ReaderRequests r = SentenceTopics.readerRequests("question",
                "Can you help me? Which login do I use now?", MODEL, BAR);
        assertThat(r.inContext()).isEmpty();
    }
}
