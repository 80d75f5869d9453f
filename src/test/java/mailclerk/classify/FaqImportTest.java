package mailclerk.classify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import mailclerk.classify.FaqImport.Pair;
import org.junit.jupiter.api.Test;

class FaqImportTest {
    static final Path SEED = Path.of("src/test/resources/faq/iasb-nextgen-faq.txt");
    static final FaqImport.Options STATEMENTS = new FaqImport.Options(true);

    static String seed() throws IOException {
        return Files.readString(SEED, StandardCharsets.UTF_8);
    }

    /**
     * The Iowa Southern NextGen FAQ (text taken from a PDF: a blank line after every line, no-break spaces, typographic
     * apostrophes and hyphens) has 17 questions, counted by reading it (they are the 17 rows of the court's topics.tsv).
     * Only 9 end in "?"; 8 are written as the filer's statements ("I forgot my PACER login or password."), which
     * --statements takes as questions. The last one ("... when I click on Query, I get an error which says there is an
     * issue with my PACER account.") ends the file: its answer is cut off, so it is reported, not made a pair.
     */
    @Test
    void seedFaqYieldsEveryQuestionWithItsAnswer() throws IOException {
        FaqImport.Result r = FaqImport.parse(seed(), STATEMENTS);
        assertThat(r.format()).isEqualTo(FaqImport.Format.TEXT);
        assertThat(r.pairs()).hasSize(16);
        assertThat(r.unanswered()).containsExactly("My PACER account is linked to my CM/ECF account; however, when I click on "
                + "Query, I get an error which says there is an issue with my PACER account.");
        assertThat(r.pairs().size() + r.unanswered().size()).isEqualTo(17);
        assertThat(r.truncated()).isFalse();
        assertThat(r.pairs()).allSatisfy(p -> {
            assertThat(p.answer()).isNotBlank();
            assertThat(p.title()).isEqualTo(p.question());
            assertThat(p.id()).matches("[a-z0-9]+(-[a-z0-9]+)*").satisfies(id -> assertThat(id.split("-").length).isLessThanOrEqualTo(6));
            // no answer holds another question
            assertThat(p.answer()).doesNotContain("?");
        });
        assertThat(r.pairs().stream().map(Pair::id).distinct()).hasSize(16);
        assertThat(r.pairs().stream().map(Pair::question)).containsExactly(
                "I upgraded my PACER account and now I can\u2019t get into CM/ECF (prior to court going live on NEXTGEN).",
                "I upgraded my PACER account and now I can\u2019t get into CM/ECF (after the court is live on NEXTGEN).",
                "I do not know my CM/ECF Login and Password to use when I link my Pacer account.",
                "Do I need to remember my CM/ECF Login after I have linked my accounts?",
                "How do I store my credit card information in PACER to pay filing fees in CM/ECF?",
                "Can the firm still continue to use one PACER account for viewing documents?",
                "Since the each attorney will have his/her own PACER accounts do they need to use their own credit card for "
                        + "PACER fees or can they use firm credit card?",
                "Can an individual attorney CM/ECF login be linked to the firm PACER login?",
                "Where do I logon to CM/ECF once you are live?",
                "I e\u2010filed a document with a fee and when I go to pay it makes me login to PACER again. Why?",
                "I don\u2019t want to get a PACER account because I don\u2019t want to pay.",
                "I forgot my PACER login or password.",
                "I have linked my CM/ECF account and PACER account, but no menus are displaying such as Bankruptcy or Adversary.",
                "I am trying to link my CM/ECF account with my new PACER account and I get an error.",
                "My credit card for PACER was not authorized, now what do I do?",
                "How do I register for a New PACER account?");
        // the same id twice gets -2
        assertThat(r.pairs().get(0).id()).isEqualTo("upgraded-pacer-account-now-cant");
        assertThat(r.pairs().get(1).id()).isEqualTo("upgraded-pacer-account-now-cant-2");
        assertThat(r.pairs().get(15).id()).isEqualTo("register-new-pacer-account");
        Pair notKnown = r.pairs().get(2);
        assertThat(notKnown.answer()).isEqualTo("Contact the court to reset your password.");
        Pair forgot = r.pairs().get(11);
        assertThat(forgot.answer()).startsWith("Go to www.pacer.gov and select Forgot My Password")
                .endsWith("You will need to contact PACER to recover\nlogins or reset passwords.")
                .doesNotContain("\u00a0").doesNotContain("  ");
        // the text before the first question (the end of an earlier page) is not an answer
        assertThat(r.pairs()).noneSatisfy(p -> assertThat(p.answer()).contains("Southern Bankruptcy Court."));
    }

    /** As specified: only lines ending in "?" start questions; the statements are said, not lost silently. */
    @Test
    void seedFaqWithoutStatementsFindsTheNineQuestionMarks() throws IOException {
        FaqImport.Result r = FaqImport.parse(seed());
        assertThat(r.pairs()).hasSize(9).allSatisfy(p -> assertThat(p.answer()).isNotBlank());
        assertThat(r.pairs()).allSatisfy(p -> assertThat(p.question()).endsWith("?"));
        // wrapped over two lines (with the PDF's blank line between them): one question
        assertThat(r.pairs().get(3).question()).startsWith("Since the each attorney").endsWith("can they use firm credit card?");
        assertThat(r.pairs().get(2).answer()).doesNotContain("Since the each attorney");
        assertThat(r.statementLike()).hasSize(8).contains("I forgot my PACER login or password.");
    }

    @Test
    void plainTextQuestionsAnswersAndParagraphs() {
        String faq = """
                Frequently asked questions -- updated May 2025
                Some words before the first question.

                Q: How do I reset my
                CM/ECF password?
                A: Call the clerk's office.

                We cannot reset PACER passwords.


                What are the office hours?
                8 to 4:30, Monday to Friday.
                What are the office hours?
                See above.
                """;
        FaqImport.Result r = FaqImport.parse(faq);
        assertThat(r.pairs()).extracting(Pair::id, Pair::question, Pair::answer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("reset-cmecf-password", "How do I reset my CM/ECF password?",
                        "Call the clerk's office.\n\nWe cannot reset PACER passwords."),
                org.assertj.core.groups.Tuple.tuple("office-hours", "What are the office hours?", "8 to 4:30, Monday to Friday."),
                org.assertj.core.groups.Tuple.tuple("office-hours-2", "What are the office hours?", "See above."));
    }

    @Test
    void idsAreAsciiFiveWordsAtMost() {
        assertThat(FaqImport.id("¿Cómo registro mi cuenta de PACER en el tribunal de quiebras?"))
                .matches("[a-z0-9-]+").isEqualTo("como-registro-mi-cuenta-de");
        assertThat(FaqImport.id("Why?")).isEqualTo("question");
        assertThat(FaqImport.id("What is the filer\u2019s e\u2010mail address for the Clerk\u2019s Office?"))
                .isEqualTo("filers-e-mail-address-clerks");
    }

    @Test
    void answerlessQuestionsAreReportedNotPaired() {
        FaqImport.Result r = FaqImport.parse("Is this answered?\nYes.\nIs this one?\n\n");
        assertThat(r.pairs()).extracting(Pair::question).containsExactly("Is this answered?");
        assertThat(r.unanswered()).containsExactly("Is this one?");
        assertThat(FaqImport.parse("12. Why 2.5 million filings?\nBecause.").pairs().get(0).question()).isEqualTo("Why 2.5 million filings?");
    }

    @Test
    void htmlQuestionsFromHeadingsDefinitionListsAndBoldParagraphs() {
        String html = """
                <!DOCTYPE html>
                <html lang="en"><head><title>FAQ</title><style>p { color: red }</style>
                <script>var token = "SCRIPT-IN-HEAD";</script></head>
                <body>
                <nav><a href="/">Home</a> <a href="/faq">FAQ</a></nav>
                <h1>NextGen questions</h1>
                <p>An introduction that answers nothing.</p>
                <h2>How do I register for a new PACER account?</h2>
                <p>See <a href="https://pacer.uscourts.gov/register">Registering for PACER</a> on the
                   PACER&nbsp;website.</p>
                <p>Registration is <em>free</em>.<script>document.write("SCRIPT-IN-ANSWER")</script></p>
                <script>alert("SCRIPT-BETWEEN")</script>
                <h2>Where do I log in to CM/ECF?</h2>
                <ol><li>Go to our website.</li><li>Select <b>E-Filing</b>.</li></ol>
                <h2>Payments</h2>
                <p>Fees are listed on the fee schedule.</p>
                <dl>
                  <dt>Can the firm keep one PACER account?</dt>
                  <dd>Yes, for viewing documents.<br>Only filers need their own.</dd>
                  <dt>Filing fee</dt>
                  <dd>Not a question.</dd>
                </dl>
                <p><strong>What if my card is declined?</strong></p>
                <p>Write to <a href="mailto:pacer@psc.uscourts.gov">pacer@psc.uscourts.gov</a>.</p>
                <p><b>Is there a fee?</b> Only for viewing documents.</p>
                <div class="accordion">
                  <div class="item"><h3><button type="button">Where is the clerk's office?</button></h3></div>
                  <div class="panel"><p>On the third floor.</p></div>
                </div>
                <footer>United States Bankruptcy Court</footer>
                </body></html>
                """;
        FaqImport.Result r = FaqImport.parse(html);
        assertThat(r.format()).isEqualTo(FaqImport.Format.HTML);
        assertThat(r.pairs()).extracting(Pair::question, Pair::answer).containsExactly(
                org.assertj.core.groups.Tuple.tuple("How do I register for a new PACER account?",
                        "See Registering for PACER (https://pacer.uscourts.gov/register) on the PACER website.\n\n"
                                + "Registration is free."),
                org.assertj.core.groups.Tuple.tuple("Where do I log in to CM/ECF?", "- Go to our website.\n- Select E-Filing."),
                org.assertj.core.groups.Tuple.tuple("Can the firm keep one PACER account?",
                        "Yes, for viewing documents.\nOnly filers need their own."),
                org.assertj.core.groups.Tuple.tuple("What if my card is declined?",
                        "Write to pacer@psc.uscourts.gov.\n\nIs there a fee? Only for viewing documents."),
                org.assertj.core.groups.Tuple.tuple("Where is the clerk's office?", "On the third floor."));
        assertThat(r.pairs()).allSatisfy(p -> assertThat(p.answer()).doesNotContain("SCRIPT").doesNotContain("<")
                .doesNotContain("United States Bankruptcy Court").doesNotContain("color"));
        assertThat(r.pairs()).extracting(Pair::id).containsExactly("register-new-pacer-account", "where-login-cmecf",
                "firm-keep-one-pacer-account", "card-declined", "where-clerks-office");
    }

    @Test
    void inputIsBounded() {
        assertThatThrownBy(() -> FaqImport.parse("x".repeat(FaqImport.MAX_CHARS + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("too long");
        StringBuilder many = new StringBuilder();
        for (int i = 1; i <= 600; i++) many.append("Question number ").append(i).append("?\nAnswer ").append(i).append(".\n");
        FaqImport.Result r = FaqImport.parse(many.toString());
        assertThat(r.pairs()).hasSize(FaqImport.MAX_PAIRS);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void closestTopicByWordOverlap() {
        Map<String, List<String>> topics = Map.of(
                "forgot-pacer-credentials", List.of("I forgot my PACER login or password.", "forgot pacer pw"),
                "where-to-login", List.of("Where do I log on to CM/ECF once you are live?"));
        // {help, forgot, pacer, password} and "forgot pacer pw" share 3 of 4 words ("pw" is folded to "password")
        FaqImport.Match m = FaqImport.closest("Help, I forgot my PACER pass word", topics);
        assertThat(m.topic()).isEqualTo("forgot-pacer-credentials");
        assertThat(m.score()).isEqualTo(0.75);
        // the id's words count as an example: no corpus needed
        assertThat(FaqImport.closest("Where to log in?", Map.of("where-to-login", List.of())).topic()).isEqualTo("where-to-login");
        assertThat(FaqImport.closest("Is the court closed on Friday?", topics)).isEqualTo(new FaqImport.Match(null, 0));
    }
}
