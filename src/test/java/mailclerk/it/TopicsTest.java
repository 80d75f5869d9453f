package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import mailclerk.classify.ModelStore;
import mailclerk.classify.Retraining;
import mailclerk.classify.TrainingOptions;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.respond.Outcome;
import mailclerk.respond.PollResult;
import mailclerk.web.Accounts;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FAQ grows with the court's mail (issue 22), end to end on GreenMail and the console over HTTP: an administrator
 * adds a draft topic for PACER multi-factor authentication; a clerk answers five such messages by hand naming it;
 * with example questions pasted and a retraining, the next such mail arrives as a draft (nothing sent); clerks'
 * confirmations lift its pilot lower bound to the (low, for the test) target; the administrator takes it live and
 * the next one is answered; an edited live answer waits for a second administrator; off stops drafts and replies at
 * once; a placeholder that is not a court setting is refused; a clerk cannot reach the page.
 */
class TopicsTest {
    static final String PASSWORD = "topics-test-password";
    static final String ANSWER = "PACER asks every CM/ECF filer to enrol in multi-factor authentication (MFA). "
            + "Follow the steps PACER shows after you log in at ${pacerWebsite}; for help call the PACER Service Center "
            + "at ${pacerPhone}.\n[Placeholder written for the test: the court writes its own answer.]\n";
    /** Kinds of MFA mail, written from PACER's announcements about MFA, not from any message here. */
    static final String[] MFA = {
            "PACER keeps asking me to set up multi-factor authentication. How do I enroll in MFA?",
            "I skipped the MFA enrollment three times and now PACER says Account Disabled. How do I get it enabled again?",
            "Which authenticator app can I use for the PACER multi-factor authentication?",
            "I got a new phone and lost my authenticator app, so I cannot get the MFA code for PACER. What do I do?",
            "Is multi-factor authentication required for my CM/ECF filing account now?",
            "The PACER one-time passcode from my authenticator app is rejected every time. How can I log in?",
            "Can our paralegal set up MFA on the attorney's PACER account, or does each person need their own?",
            "Where do I find my MFA backup codes for PACER?",
            "PACER asks for a verification code from an authenticator app. I never set one up. What now?",
            "Do I have to use multi-factor authentication to file in CM/ECF after the end of 2025?",
            "How do I reset multi-factor authentication on my PACER account?",
            "My MFA code for PACER expired before I could enter it. How do I get a new code?",
            "Can I turn off multi-factor authentication for my PACER login?",
            "I enrolled in PACER MFA with my old work phone. How do I move it to my new phone?",
            "Why does PACER now ask me for an authentication code every time I log in?",
            "Can I use email instead of an authenticator app for the PACER MFA?",
            "What is the deadline to enroll in multi-factor authentication for PACER?",
            "PACER says I must enroll in MFA within 30 days. What happens if I do not?",
            "My PACER account was disabled after I skipped multi-factor authentication. Who can unlock it?",
            "Does the court or PACER handle problems with the MFA authenticator for CM/ECF?",
            "Is Google Authenticator acceptable for PACER multi-factor authentication?",
            "How many times can I skip the PACER MFA prompt before my account is locked?",
            "I lost my MFA device and my backup codes. How do I get back into PACER?",
            "Can two attorneys share one authenticator app for their PACER MFA?",
            "Is there a phone number to call about PACER multi-factor authentication trouble?",
            "Our firm uses one PACER login. How does MFA work for a shared account?",
            "The QR code for setting up PACER MFA will not scan. Is there another way to enroll?",
            "Does MFA apply to PACER search-only accounts too, or just CM/ECF filers?",
            "I am a pro se debtor. Do I need multi-factor authentication to use PACER?",
            "After enrolling in MFA, PACER still does not accept my code. What should I check?",
            "Do I need to enter an MFA code each time I file in CM/ECF?",
            "How do I change the authenticator app I use for PACER multi-factor authentication?",
            "PACER multi-factor authentication question: my time-based code never works. Help?",
            "Will the clerk's office reset my PACER MFA for me?",
            "What does the PACER message about multi-factor authentication enrollment mean?",
            "Can I use a hardware security key for PACER MFA?",
            "My MFA enrollment email from PACER never arrived. How do I enroll?",
            "How do I get past the PACER MFA screen when I do not have my phone with me?",
            "Is the MFA code for PACER the same as my CM/ECF password?",
            "I keep getting an invalid MFA code error on PACER. How do I fix it?",
    };

    @TempDir
    Path dir;
    TestMailServer server;
    Journal journal;
    ConsoleServer console;
    Settings settings;
    Path models;
    String base;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    int next = 100;

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        models = TestModels.copyActive(dir);
        // a small corpus, so that retraining takes seconds: four of the court's topics and "other"
        Path corpus = models.resolve("corpus");
        Files.createDirectories(corpus);
        try (Stream<Path> old = Files.list(corpus)) {
            for (Path p : old.toList()) Files.delete(p);
        }
        for (String topic : List.of("where-to-login", "forgot-pacer-credentials", "register-new-pacer-account",
                "linking-error", "other")) {
            Files.write(corpus.resolve(topic + ".txt"), Files.readAllLines(Path.of("models/corpus", topic + ".txt")).subList(0, 40));
        }
        String users = "ann:clerk:" + Accounts.hash(PASSWORD.toCharArray()) + ",ada:admin:" + Accounts.hash(PASSWORD.toCharArray())
                + ",bert:admin:" + Accounts.hash(PASSWORD.toCharArray());
        settings = server.settings(dir.resolve("data")).with(Map.of("models.dir", models.toString(), "console.users", users,
                "reply.mode", "live", "reply.live-topics", "where-to-login", "classifier.target-precision", "0.4"));
        journal = Journal.open(dir.resolve("data"));
        console = Wiring.console(settings, journal);
        base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (server != null) server.close();
    }

    @Test
    void aDraftTopicLearnsFromClerksGoesLiveOnTheEvidenceAndCanBeSwitchedOff() throws Exception {
        String[] ada = login("ada");
        String[] bert = login("bert");
        String[] ann = login("ann");
        assertThat(send("GET", "/topics", null, ann[0]).statusCode()).as("administrators only").isEqualTo(403);

        // a placeholder that is not a court setting, or the filer's name, is refused; the typed text stays
        HttpResponse<String> bad = send("POST", "/topics/new", form("csrf", ada[1], "id", "pacer-mfa", "title", "PACER MFA",
                "answer", "Your case ${caseNumber} is fine."), ada[0]);
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("not a court setting: caseNumber").contains("Your case ${caseNumber} is fine.");
        assertThat(send("POST", "/topics/new", form("csrf", ada[1], "id", "pacer-mfa", "answer", "Dear ${filerName}, yes."),
                ada[0]).body()).contains("not a court setting: filerName");
        assertThat(send("POST", "/topics/new", form("csrf", ada[1], "id", "pacer-mfa", "answer", "${courtName:-x}"), ada[0])
                .body()).contains("not a court setting");

        HttpResponse<String> added = send("POST", "/topics/new", form("csrf", ada[1], "id", "pacer-mfa", "title",
                "PACER multi-factor authentication", "answer", ANSWER, "example", MFA[0]), ada[0]);
        assertThat(added.statusCode()).as(added.body()).isEqualTo(303);
        HttpResponse<String> preview = send("POST", "/topics/pacer-mfa/answer", form("csrf", ada[1], "action", "preview",
                "answer", ANSWER), ada[0]);
        String shown = preview.body().substring(preview.body().indexOf("id=\"preview\""));
        shown = shown.substring(0, shown.indexOf("</pre>"));
        assertThat(shown).contains("Dear Pat Filer,").contains("automatic answer").contains("www.pacer.gov")
                .doesNotContain("${pacerWebsite}");

        // five MFA messages reach the clerks (the active model knows no such topic); ann answers them by hand
        List<Long> flagged = new ArrayList<>();
        for (int i = 1; i <= 5; i++) server.deliver(mail(MFA[i]));
        for (Outcome o : poll().outcomes()) {
            assertThat(o.action()).as(o.reason()).isEqualTo("flag");
            flagged.add(o.uid());
        }
        assertThat(server.repliesReceived()).isEmpty();
        for (long uid : flagged) {
            HttpResponse<String> r = send("POST", "/message/" + uid + "/answered", form("csrf", ann[1], "topic", "pacer-mfa"), ann[0]);
            assertThat(r.statusCode()).isIn(302, 303);
        }
        assertThat(Files.readAllLines(models.resolve("clerk-labelled.tsv"))).filteredOn(l -> l.startsWith("pacer-mfa\t")).hasSize(6);
        // and the administrator pastes example questions
        String examples = String.join("\n", java.util.Arrays.copyOfRange(MFA, 6, 30));
        assertThat(send("POST", "/topics/pacer-mfa/examples", form("csrf", ada[1], "examples", examples), ada[0]).statusCode()).isEqualTo(303);
        assertThat(send("GET", "/topics", null, ada[0]).body()).contains("pacer-mfa").contains(">draft<");

        // retraining (as `train` does) learns the topic; the new model is activated
        List<String> progress = new ArrayList<>();
        ModelStore store = new ModelStore(models);
        String version = Retraining.run(store, Wiring.answerableTopics(settings), 0.4, TrainingOptions.defaults(), 3,
                progress::add).version();
        store.activate(version);
        assertThat(store.load(version).predict(new String[0]).top(100)).extracting(t -> t.topic()).contains("pacer-mfa");

        // the next MFA mail arrives as a draft: suggested to the clerks, never sent
        List<Long> drafts = new ArrayList<>();
        for (int i = 30; i < 34; i++) server.deliver(mail(MFA[i]));
        for (Outcome o : poll().outcomes()) {
            assertThat(o.action()).isEqualTo("flag");
            if ("pacer-mfa".equals(o.topic()) && o.reason().startsWith("pilot (topic is a draft)")) drafts.add(o.uid());
        }
        assertThat(drafts).as("drafts for pacer-mfa").hasSizeGreaterThanOrEqualTo(3);
        assertThat(server.repliesReceived()).isEmpty();

        // clerks confirm the suggested answer: the pilot's lower bound reaches the target, the page offers go-live
        for (long uid : drafts) {
            assertThat(send("POST", "/message/" + uid + "/confirm", form("csrf", ann[1]), ann[0]).statusCode()).isIn(302, 303);
        }
        assertThat(server.repliesReceived()).hasSize(drafts.size()).allSatisfy(m -> assertThat(m.getHeader("Auto-Submitted")).isNull());
        String page = send("GET", "/topics/pacer-mfa", null, ada[0]).body();
        assertThat(page).contains("Ready for go-live");
        // ada wrote the answer: she alone cannot send the court's words automatically; bert taking it live approves it
        HttpResponse<String> own = send("POST", "/topics/pacer-mfa/state", form("csrf", ada[1], "state", "live", "in-use", "1"), ada[0]);
        assertThat(own.statusCode()).isEqualTo(400);
        assertThat(own.body()).contains("you wrote the answer in use").contains("another administrator takes the topic live");
        // the form says which text the administrator saw: a page from before a change approves nothing
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", bert[1], "state", "live"), bert[0]).statusCode())
                .as("no version seen").isEqualTo(400);
        assertThat(send("GET", "/topics/pacer-mfa", null, bert[0]).body()).contains("name=\"in-use\" value=\"1\"");
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", bert[1], "state", "live", "in-use", "1"), bert[0])
                .statusCode()).isEqualTo(303);

        // live: the next MFA mail is answered automatically with the approved answer
        int before = server.repliesReceived().size();
        server.deliver(mail(MFA[34]));
        Outcome live = poll().outcomes().get(0);
        assertThat(live.action()).as(live.reason()).isEqualTo("reply");
        assertThat(live.topic()).isEqualTo("pacer-mfa");
        assertThat(server.repliesReceived()).hasSize(before + 1);
        String sent = body(replyTo(next - 1));
        assertThat(sent).contains("multi-factor authentication (MFA)").contains("Placeholder written for the test");

        // an edited answer of a live topic waits for a second administrator; its writer cannot approve it
        String edited = ANSWER.replace("Follow the steps", "Follow the enrolment steps");
        HttpResponse<String> saved = send("POST", "/topics/pacer-mfa/answer", form("csrf", ada[1], "action", "save", "answer", edited), ada[0]);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("notice=answer-waits");
        assertThat(send("POST", "/topics/pacer-mfa/approve", form("csrf", ada[1], "version", "2"), ada[0])
                .headers().firstValue("Location").orElseThrow()).contains("notice=not-approved");
        server.deliver(mail(MFA[35]));
        assertThat(poll().outcomes().get(0).action()).isEqualTo("reply");
        assertThat(body(replyTo(next - 1))).as("the approved answer stays in use").contains("Follow the steps");
        assertThat(send("POST", "/topics/pacer-mfa/approve", form("csrf", bert[1], "version", "2"), bert[0])
                .headers().firstValue("Location").orElseThrow()).contains("notice=answer-approved");
        server.deliver(mail(MFA[36]));
        assertThat(poll().outcomes().get(0).action()).isEqualTo("reply");
        assertThat(body(replyTo(next - 1))).contains("Follow the enrolment steps");

        // no way round the second administrator: back to draft, a new text (in use for drafts at once), live again
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", ada[1], "state", "draft"), ada[0]).statusCode()).isEqualTo(303);
        assertThat(send("POST", "/topics/pacer-mfa/answer", form("csrf", ada[1], "action", "save", "answer",
                ANSWER.replace("Follow the steps", "UNREVIEWED")), ada[0]).headers().firstValue("Location").orElseThrow())
                .contains("notice=answer-in-use");
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", ada[1], "state", "live", "in-use", "3"), ada[0])
                .statusCode()).as("the writer of the text in use cannot take it live").isEqualTo(400);
        // bert's page from before ada's new text (version 2 in use then) approves nothing
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", bert[1], "state", "live", "in-use", "2"), bert[0])
                .body()).contains("changed meanwhile");
        // and if the page is raced (the text written while another administrator took the topic live), the responder
        // itself holds an answer approved only by its writer as a draft
        new mailclerk.queue.TopicStore(journal.database()).setState("pacer-mfa", null, mailclerk.queue.TopicStore.State.LIVE,
                "ada", System.currentTimeMillis(), "set live (a race, written straight to the database)");
        server.deliver(mail(MFA[38]));
        Outcome raced = poll().outcomes().get(0);
        assertThat(raced.action()).isEqualTo("flag");
        assertThat(raced.reason()).contains("approved only by its writer");
        assertThat(server.repliesReceived()).hasSize(before + 3);
        // the page says why a live topic is held, and offers the second administrator the approval
        String held = send("GET", "/topics/pacer-mfa", null, bert[0]).body();
        assertThat(held).contains("approved only by the administrator who wrote it").contains("Approve version 3 and keep it live");
        assertThat(send("GET", "/topics", null, bert[0]).body()).contains("drafts until a second administrator approves");
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", bert[1], "state", "live", "in-use", "3"), bert[0])
                .statusCode()).isEqualTo(303);
        server.deliver(mail(MFA[39]));
        assertThat(poll().outcomes().get(0).action()).isEqualTo("reply");
        assertThat(body(replyTo(next - 1))).contains("UNREVIEWED");

        // off: neither a reply nor a draft, from the next poll on
        assertThat(send("POST", "/topics/pacer-mfa/state", form("csrf", ada[1], "state", "off"), ada[0]).statusCode()).isEqualTo(303);
        server.deliver(mail(MFA[37]));
        Outcome off = poll().outcomes().get(0);
        assertThat(off.action()).isEqualTo("flag");
        assertThat(off.reason()).contains("switched off");
        assertThat(server.repliesReceived()).as("nothing sent for an off topic").hasSize(before + 4);

        // every change is recorded with who made it
        assertThat(send("GET", "/topics/pacer-mfa", null, ada[0]).body()).contains("ada: added topic pacer-mfa")
                .contains("bert: approved answer version 2").contains("bert: approved answer version 1 by taking the topic live")
                .contains("bert: set live").contains("ada: set off");
    }

    @Test
    void aTopicWhoseFirstAnswerIsWrittenOnThePageIsADraftUntilAnotherAdministratorTakesItLive() throws Exception {
        // an installation whose templates/ lacks the answer for a topic the model knows (query-error-pacer-account ships
        // that way): with reply.live-topics=all, writing its answer on the page must not put it live
        Path templates = dir.resolve("templates");
        Files.createDirectories(templates);
        try (Stream<Path> shipped = Files.list(Path.of("templates"))) {
            for (Path p : shipped.toList()) {
                if (!p.getFileName().toString().equals("forgot-pacer-credentials.txt")) Files.copy(p, templates.resolve(p.getFileName()));
            }
        }
        settings = settings.with(Map.of("templates.dir", templates.toString(), "reply.live-topics", "all"));
        console.close();
        console = Wiring.console(settings, journal);
        base = "http://127.0.0.1:" + console.start("127.0.0.1", 0);
        String[] ada = login("ada");
        String[] bert = login("bert");
        String forgot = "I forgot my PACER password and my username. How do I get them back?";

        server.deliver(mail(forgot));
        Outcome none = poll().outcomes().get(0);
        assertThat(none.action()).isEqualTo("flag");
        assertThat(none.reason()).as("no answer: a clerk's").contains("no approved template");

        assertThat(send("POST", "/topics/forgot-pacer-credentials/answer", form("csrf", ada[1], "action", "save", "answer",
                "Use the PACER website's Forgot Username and Forgot Password links at ${pacerWebsite}."), ada[0]).statusCode())
                .isEqualTo(303);
        assertThat(send("GET", "/topics/forgot-pacer-credentials", null, ada[0]).body()).contains(">draft<");
        server.deliver(mail(forgot));
        Outcome draft = poll().outcomes().get(0);
        assertThat(draft.action()).isEqualTo("flag");
        assertThat(draft.reason()).startsWith("pilot (topic is a draft)");
        assertThat(server.repliesReceived()).isEmpty();

        assertThat(send("POST", "/topics/forgot-pacer-credentials/state", form("csrf", ada[1], "state", "live", "in-use", "1"), ada[0])
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/topics/forgot-pacer-credentials/state", form("csrf", bert[1], "state", "live", "in-use", "1"), bert[0])
                .statusCode()).isEqualTo(303);
        server.deliver(mail(forgot));
        assertThat(poll().outcomes().get(0).action()).isEqualTo("reply");
        assertThat(body(replyTo(next - 1))).contains("Forgot Username");
    }

    private PollResult poll() throws Exception {
        return Wiring.responder(settings, journal).pollOnce();
    }

    private byte[] mail(String text) {
        int i = next++;
        return ("From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                + "Subject: PACER question " + i + "\r\nMessage-ID: <mfa" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\nHello,\r\n" + text + "\r\nThank you\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The reply to the mail of filer {@code i} (each mail comes from its own filer). */
    private jakarta.mail.internet.MimeMessage replyTo(int i) throws Exception {
        String to = "filer" + i + "@firm.example";
        return server.repliesReceived().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(to);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no reply to " + to));
    }

    private static String body(jakarta.mail.internet.MimeMessage m) throws Exception {
        return new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> send(String method, String path, String form, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).header("Cookie", cookie);
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String[] login(String name) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                .POST(HttpRequest.BodyPublishers.ofString(form("name", name, "password", PASSWORD))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = r.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        String page = send("GET", "/queue", null, cookie).body();
        int at = page.indexOf("name=\"csrf\" value=\"");
        return new String[] {cookie, page.substring(at + 19, page.indexOf('"', at + 19))};
    }

    static String form(String... kv) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < kv.length; i += 2) {
            if (b.length() > 0) b.append('&');
            b.append(kv[i]).append('=').append(URLEncoder.encode(kv[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }
}
