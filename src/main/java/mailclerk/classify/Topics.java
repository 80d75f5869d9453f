package mailclerk.classify;

import java.util.Set;

/** Topic ids with a meaning in code. The full list of topics is the corpus and templates/. */
public final class Topics {
    /** The class for everything the FAQ does not answer. */
    public static final String OTHER = "other";
    public static final String BEFORE_NEXTGEN = "cmecf-login-before-nextgen";
    public static final String AFTER_NEXTGEN = "cmecf-login-after-nextgen";
    /** The two topics that the same question falls into depending on the court's go-live date. */
    public static final Set<String> NEXTGEN_PAIR = Set.of(BEFORE_NEXTGEN, AFTER_NEXTGEN);

    private Topics() {
    }

    /** Topics that count as the same answer for scoring: the pair is told apart by date, not by wording. */
    public static String family(String topic) {
        return NEXTGEN_PAIR.contains(topic) ? "cmecf-login-upgraded" : topic;
    }
}
