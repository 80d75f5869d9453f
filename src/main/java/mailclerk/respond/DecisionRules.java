package mailclerk.respond;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Set;
import mailclerk.config.Settings;

/**
 * The administrator's knobs on the decision.
 *
 * @param thresholdOverride  a confidence threshold that replaces the model's own (NaN: use the model's)
 * @param requireAddressed   flag mail that does not name the help desk in To or Cc (RFC 5230 §4.5)
 * @param disabled           ids of decision rules switched off ({@code classifier.disabled-rules}): only for
 *                           measuring what each rule costs and saves (docs/classifier.md); empty in production
 * @param onlyToDomain       when set, replies go only to addresses at this domain and everything else is flagged:
 *                           {@code bench-mailbox --configured} sets it to the domain of the senders it seeds
 * @param readerQuestionConfidence the embedding reader's bar for counting a request sentence as a second question
 *                           where the fast models answer (NaN: not read)
 * @param court              which court this is, as the rules recognise it in mail ({@code court.code}, {@code .state},
 *                           {@code .district})
 */
public record DecisionRules(double thresholdOverride, boolean requireAddressed, Duration replyInterval,
                            int maxRepliesPerSenderPerDay, double splitQuestionConfidence, ZoneId zone,
                            Set<String> disabled, String onlyToDomain, mailclerk.respond.rules.CourtIdentity court,
                            double readerQuestionConfidence) {
    /** Every rule that {@code classifier.disabled-rules} can name. */
    public static final Set<String> RULE_IDS = Set.of("follow-up", "non-english", "other-court", "account-action",
            "case-question", "call-request", "requests-only", "compound-question", "second-model", "problem-time",
            "reader", "reader-questions", "court-systems", "asked-topic");

    public boolean enabled(String rule) {
        return !disabled.contains(rule);
    }


    public static DecisionRules from(Settings s) {
        String t = s.get("classifier.threshold", "");
        return new DecisionRules(
                t.isBlank() ? Double.NaN : s.getDouble("classifier.threshold", Double.NaN),
                s.getBoolean("reply.require-addressed", true),
                Duration.ofDays(s.getInt("reply.interval", 7)),
                s.getInt("reply.max-per-sender-per-day", 3),
                s.getDouble("classifier.second-question-confidence", 0.5),
                ZoneId.of(s.get("court.time-zone", "America/Chicago")),
                disabled(s.get("classifier.disabled-rules", "")),
                s.get("reply.only-to-domain", "").strip().toLowerCase(java.util.Locale.ROOT),
                court(s),
                readerQuestionConfidence(s));
    }

    private static mailclerk.respond.rules.CourtIdentity court(Settings s) {
        String code = s.get("court.code", "").strip();
        if (code.isEmpty()) code = mailclerk.respond.rules.CourtIdentity.codeOf(s.get("court.website", "www.iasb.uscourts.gov"));
        try {
            return new mailclerk.respond.rules.CourtIdentity(code, s.get("court.state", "Iowa"), s.get("court.district", "Southern"));
        } catch (IllegalArgumentException e) {
            throw new mailclerk.config.ConfigException(e.getMessage());
        }
    }

    /**
     * The embedding reader's bar for a request sentence to count as a second question in a reply the fast models
     * answer (0.9; "off" for none). A reply that stands on the reader itself uses the reader's own threshold.
     */
    private static double readerQuestionConfidence(Settings s) {
        String v = s.get("classifier.reader-question-confidence", "0.9").strip();
        if (v.equalsIgnoreCase("off")) return Double.NaN;
        return s.getDouble("classifier.reader-question-confidence", 0.9);
    }

    private static Set<String> disabled(String list) {
        Set<String> out = new java.util.TreeSet<>();
        for (String r : list.split(",")) {
            if (r.isBlank()) continue;
            if (!RULE_IDS.contains(r.strip())) {
                throw new mailclerk.config.ConfigException("classifier.disabled-rules: unknown rule " + r.strip()
                        + " (known: " + new java.util.TreeSet<>(RULE_IDS) + ")");
            }
            out.add(r.strip());
        }
        return Set.copyOf(out);
    }
}
