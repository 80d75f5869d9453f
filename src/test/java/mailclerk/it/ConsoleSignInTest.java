package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.queue.Journal;
import mailclerk.web.ConsoleServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clerks sign in through the court's identity provider ({@code console.auth=oidc}), against a provider on loopback
 * ({@link TestIdentityProvider}): the code flow with PKCE, state and nonce end to end over HTTP, each browser a
 * cookie jar of its own. A clerk and an administrator get what their role allows; a person in no group, a tampered,
 * expired, future-dated or foreign token, a wrong nonce or issuer, a code redeemed with another sign-in's verifier, a
 * replayed callback are all refused with no session; a clerk taken out of the group is refused at the next sign-in;
 * sign-out ends the session here and at the provider. No {@code console.users} anywhere.
 */
class ConsoleSignInTest {
    static final String CLIENT = "mailclerk-console";
    static final String SECRET = "console-test-secret";

    @TempDir
    Path dir;
    TestMailServer server;
    TestIdentityProvider idp;
    Journal journal;
    ConsoleServer console;
    Settings settings;
    String base;
    int port;
    String models;

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        models = TestModels.copyActive(dir).toString();
        idp = new TestIdentityProvider(CLIENT, SECRET, List.of(base + "/auth/callback"));
        idp.user("ann@court.test", "ann-pass", List.of("clerks"));
        idp.user("root@court.test", "root-pass", List.of("admins"));
        idp.user("eve@court.test", "eve-pass", List.of());
        idp.user("bob@court.test", "bob-pass", List.of("clerks"));
        settings = server.settings(dir.resolve("data")).with(oidcSettings(SECRET, "clerks"));
        journal = Journal.open(dir.resolve("data"));
        startConsole(settings);
    }

    Map<String, String> oidcSettings(String secret, String clerkGroups) throws Exception {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("models.dir", models);
        m.put("console.auth", "oidc");
        m.put("console.users", "");
        m.put("console.public-origin", base);
        m.put("console.oidc.issuer", idp.issuer());
        m.put("console.oidc.client-id", CLIENT);
        m.put("console.oidc.client-secret", secret);
        m.put("console.oidc.clerk-groups", clerkGroups);
        m.put("console.oidc.admin-groups", "admins");
        return m;
    }

    void startConsole(Settings s) {
        console = Wiring.console(s, journal);
        assertThat(console).as("the console starts without console.users").isNotNull();
        console.start("127.0.0.1", port);
    }

    @AfterEach
    void stop() {
        if (console != null) console.close();
        if (journal != null) journal.close();
        if (idp != null) idp.close();
        if (server != null) server.close();
    }

    @Test
    void aClerkAndAnAdministratorSignInAndGetWhatTheirRoleAllows() throws Exception {
        Browser login = new Browser();
        HttpResponse<String> page = login.get(base + "/login");
        assertThat(page.body()).contains("id=\"sign-in\"").contains(">Sign in<").doesNotContain("name=\"password\"");
        assertThat(login.post(base + "/login", "name=ann&password=x").statusCode()).as("no local passwords").isEqualTo(404);

        Browser ann = new Browser();
        assertThat(ann.signIn("ann@court.test", "ann-pass").statusCode()).isEqualTo(200);
        assertThat(ann.get(base + "/queue").statusCode()).isEqualTo(200);
        assertThat(ann.get(base + "/queue").body()).contains("ann@court.test (clerk)");
        assertThat(ann.get(base + "/models").statusCode()).isEqualTo(403);

        Browser root = new Browser();
        root.signIn("root@court.test", "root-pass");
        assertThat(root.get(base + "/models").statusCode()).isEqualTo(200);
        String sessionsPage = root.get(base + "/sessions").body();
        assertThat(sessionsPage).contains("ann@court.test").contains("root@court.test");
        assertThat(idp.events()).anyMatch(e -> e.contains("token"));
    }

    @Test
    void aPersonInNoGroupIsRefusedAndGetsNoSession() throws Exception {
        Browser eve = new Browser();
        HttpResponse<String> r = eve.signIn("eve@court.test", "eve-pass");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("Not allowed").contains("eve@court.test").contains("clerks' group");
        assertThat(eve.sessionCookie()).isNull();
        assertThat(eve.get(base + "/queue").statusCode()).as("back to the sign-in page").isEqualTo(302);

        idp.groupsClaimLeftOut("bob@court.test");
        assertThat(new Browser().signIn("bob@court.test", "bob-pass").statusCode()).as("no groups claim: like []").isEqualTo(403);

        idp.user("bob@court.test", "bob-pass", List.of("clerks"));
        idp.fault(TestIdentityProvider.Fault.GROUPS_OVERAGE);
        HttpResponse<String> overage = new Browser().signIn("bob@court.test", "bob-pass");
        assertThat(overage.statusCode()).isEqualTo(403);
        assertThat(overage.body()).contains("Groups assigned to the application");
    }

    @Test
    void tokensThatDoNotCheckOutAreRefused() throws Exception {
        for (TestIdentityProvider.Fault f : List.of(TestIdentityProvider.Fault.TAMPERED_SIGNATURE,
                TestIdentityProvider.Fault.EXPIRED, TestIdentityProvider.Fault.WRONG_NONCE,
                TestIdentityProvider.Fault.WRONG_ISSUER, TestIdentityProvider.Fault.WRONG_AUDIENCE,
                TestIdentityProvider.Fault.ISSUED_IN_FUTURE, TestIdentityProvider.Fault.UNKNOWN_KEY)) {
            idp.fault(f);
            Browser ann = new Browser();
            HttpResponse<String> r = ann.signIn("ann@court.test", "ann-pass");
            assertThat(r.statusCode()).as(f.name()).isEqualTo(401);
            assertThat(ann.sessionCookie()).as(f.name()).isNull();
            assertThat(r.body()).as(f.name()).doesNotContain("eyJ"); // no token, not even a piece of one
        }
        idp.fault(TestIdentityProvider.Fault.EXPIRED);
        assertThat(new Browser().signIn("ann@court.test", "ann-pass").body()).contains("clock");
        idp.fault(TestIdentityProvider.Fault.NONE);
        idp.rotateKey(); // the provider's new key is fetched for its new key id
        assertThat(new Browser().signIn("ann@court.test", "ann-pass").statusCode()).isEqualTo(200);
    }

    @Test
    void aCallbackWorksOnceInTheBrowserThatStartedItAndACodeOnlyWithItsOwnVerifier() throws Exception {
        Browser ann = new Browser();
        URI authorize = ann.startSignIn();
        assertThat(authorize.getQuery()).contains("code_challenge_method=S256").contains("code_challenge=")
                .contains("nonce=").contains("state=");
        URI callback = ann.atProvider(authorize, "ann@court.test", "ann-pass");

        Browser mallory = new Browser();
        assertThat(mallory.get(callback.toString()).statusCode()).as("another browser: no state cookie").isEqualTo(400);
        assertThat(mallory.sessionCookie()).isNull();

        // the code of ann's sign-in, brought to another sign-in of the same browser: its verifier does not match
        Browser victim = new Browser();
        URI victimAuthorize = victim.startSignIn();
        String victimState = param(victimAuthorize, "state");
        URI injected = URI.create(base + "/auth/callback?code=" + enc(param(callback, "code")) + "&state=" + enc(victimState));
        HttpResponse<String> r = victim.get(injected.toString());
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(victim.sessionCookie()).isNull();
        assertThat(idp.events()).anyMatch(e -> e.contains("invalid_grant"));

        // ann's own callback, now: the code was spent by the injection, so the provider refuses it too
        HttpResponse<String> own = ann.get(callback.toString());
        assertThat(own.statusCode()).isEqualTo(401);

        // a fresh sign-in works once; the same callback again is refused
        Browser bob = new Browser();
        URI bobCallback = bob.atProvider(bob.startSignIn(), "bob@court.test", "bob-pass");
        String stateCookie = bob.cookie("mailclerk_signin");
        assertThat(bob.get(bobCallback.toString()).statusCode()).isEqualTo(200);
        Browser replay = new Browser();
        replay.setCookie("mailclerk_signin", stateCookie);
        assertThat(replay.get(bobCallback.toString()).statusCode()).as("state cookie and callback replayed").isEqualTo(400);
        assertThat(replay.sessionCookie()).isNull();
    }

    @Test
    void aClerkTakenOutOfTheGroupIsRefusedAtTheNextSignInAndListsThatChangeEndSessions() throws Exception {
        Browser bob = new Browser();
        bob.signIn("bob@court.test", "bob-pass");
        assertThat(bob.get(base + "/queue").statusCode()).isEqualTo(200);
        idp.user("bob@court.test", "bob-pass", List.of()); // IT removes bob from the clerks' group
        assertThat(new Browser().signIn("bob@court.test", "bob-pass").statusCode()).isEqualTo(403);
        // a refused sign-in in a browser that had a session ends that session too
        Browser bobToo = new Browser();
        bobToo.signIn("ann@court.test", "ann-pass");
        idp.user("ann@court.test", "ann-pass", List.of());
        assertThat(bobToo.signIn("ann@court.test", "ann-pass").statusCode()).isEqualTo(403);
        assertThat(bobToo.get(base + "/queue").statusCode()).isEqualTo(302);
        idp.user("ann@court.test", "ann-pass", List.of("clerks"));
        // to end his open session now: an administrator ends his sessions
        Browser root = new Browser();
        root.signIn("root@court.test", "root-pass");
        String csrf = root.csrf(base + "/sessions");
        assertThat(root.post(base + "/sessions/end", "csrf=" + enc(csrf) + "&user=bob%40court.test").statusCode()).isIn(302, 303);
        assertThat(bob.get(base + "/queue").statusCode()).isEqualTo(302);

        // the court changes who may sign in: sessions opened under the old lists end at once
        Browser ann = new Browser();
        ann.signIn("ann@court.test", "ann-pass");
        console.close();
        startConsole(settings.with(Map.of("console.oidc.clerk-groups", "help-desk-clerks")));
        assertThat(ann.get(base + "/queue").statusCode()).isEqualTo(302);
        assertThat(new Browser().signIn("ann@court.test", "ann-pass").statusCode()).isEqualTo(403);
    }

    @Test
    void aReplySentAfterTheSessionEndedIsCarriedThroughTheProvidersSignInAndShownAgain() throws Exception {
        Browser ann = new Browser();
        ann.signIn("ann@court.test", "ann-pass");
        String csrf = ann.csrf(base + "/queue");
        ann.post(base + "/logout", "csrf=" + enc(csrf));
        HttpResponse<String> ended = ann.post(base + "/message/1/send", "csrf=" + enc(csrf) + "&topic=where-to-login&body="
                + enc("Dear Pat,\ntyped before the session ended <b>&</b>"));
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body()).contains("action=\"/auth/start\"").contains("name=\"kept-body\"").contains("id=\"sign-in\"");
        Map<String, String> kept = new LinkedHashMap<>();
        Matcher hidden = Pattern.compile("name=\"(kept-[a-z]+)\" value=\"([^\"]*)\"").matcher(ended.body());
        while (hidden.find()) kept.put(hidden.group(1), org.jsoup.parser.Parser.unescapeEntities(hidden.group(2), true));
        String form = kept.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        HttpResponse<String> start = ann.post(base + "/auth/start", form);
        assertThat(start.statusCode()).isEqualTo(303);
        HttpResponse<String> back = ann.get(ann.atProvider(URI.create(start.headers().firstValue("Location").orElseThrow()),
                "ann@court.test", "ann-pass").toString());
        assertThat(back.body()).as("the signed-in page moves on to the kept reply").contains("url=/kept");
        HttpResponse<String> shown = ann.get(base + "/kept");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).contains("typed before the session ended &lt;b&gt;&amp;&lt;/b&gt;").contains("not sent");
        assertThat(server.repliesReceived()).as("signing in sends nothing").isEmpty();
    }

    @Test
    void signingOutEndsTheSessionHereAndAtTheProvider() throws Exception {
        Browser ann = new Browser();
        ann.signIn("ann@court.test", "ann-pass");
        String csrf = ann.csrf(base + "/queue");
        HttpResponse<String> out = ann.post(base + "/logout", "csrf=" + enc(csrf));
        assertThat(out.statusCode()).isEqualTo(303);
        URI there = URI.create(out.headers().firstValue("Location").orElseThrow());
        assertThat(there.toString()).startsWith(idp.issuer() + "/logout");
        assertThat(there.getQuery()).contains("post_logout_redirect_uri=" + base + "/").contains("client_id=" + CLIENT);
        HttpResponse<String> back = ann.get(there.toString());
        assertThat(idp.logouts()).isEqualTo(1);
        assertThat(back.headers().firstValue("Location")).contains(base + "/");
        assertThat(ann.get(base + "/queue").statusCode()).isEqualTo(302);
    }

    @Test
    void aWrongSecretOrIssuerGivesAPageThatNamesNoTokenAndALogLineThatNamesTheFix() throws Exception {
        console.close();
        startConsole(settings.with(oidcSettings("not-the-secret", "clerks")));
        HttpResponse<String> r = new Browser().signIn("ann@court.test", "ann-pass");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("not set up correctly").doesNotContain("not-the-secret");

        for (String wrong : List.of(idp.issuer() + "/v2.0", idp.issuer() + "/")) {
            // no discovery document there; a document whose issuer is not the one configured ("Invalid issuer")
            console.close();
            Map<String, String> wrongIssuer = oidcSettings(SECRET, "clerks");
            wrongIssuer.put("console.oidc.issuer", wrong);
            startConsole(settings.with(wrongIssuer));
            HttpResponse<String> start = new Browser().post(base + "/auth/start", "");
            assertThat(start.statusCode()).as(wrong).isEqualTo(503);
            assertThat(start.body()).as(wrong).contains("not set up correctly");
        }
    }

    @Test
    void inChromiumAClerkSignsInThroughTheProvidersPageAndSomeoneInNoGroupSeesWhy() throws Exception {
        org.openqa.selenium.WebDriver browser = ConsoleTest.chromium();
        try {
            browser.get(base + "/queue");
            assertThat(browser.getCurrentUrl()).isEqualTo(base + "/login");
            assertThat(ConsoleAccessibilityTest.axe(browser)).isEmpty();
            browser.findElement(org.openqa.selenium.By.id("sign-in")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlContains(idp.issuer()));
            browser.findElement(org.openqa.selenium.By.id("login")).sendKeys("eve@court.test");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("eve-pass");
            browser.findElement(org.openqa.selenium.By.id("submit")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.titleContains("Not allowed"));
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("p.error[role=alert]")).getText())
                    .contains("eve@court.test");
            assertThat(ConsoleAccessibilityTest.axe(browser)).isEmpty();
            assertThat(browser.manage().getCookieNamed("mailclerk_session")).isNull();

            browser.get(base + "/login");
            browser.findElement(org.openqa.selenium.By.id("sign-in")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlContains(idp.issuer()));
            browser.findElement(org.openqa.selenium.By.id("login")).sendKeys("ann@court.test");
            browser.findElement(org.openqa.selenium.By.id("password")).sendKeys("ann-pass");
            browser.findElement(org.openqa.selenium.By.id("submit")).click();
            // the callback's own page moves on to the dashboard, where the SameSite=Strict cookie is sent: no loop
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base + "/"));
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("form.logout span")).getText())
                    .isEqualTo("ann@court.test (clerk)");
            browser.get(base + "/queue");
            assertThat(browser.getCurrentUrl()).isEqualTo(base + "/queue");
            browser.findElement(org.openqa.selenium.By.cssSelector("form.logout button")).click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10)).until(
                    org.openqa.selenium.support.ui.ExpectedConditions.urlToBe(base + "/login"));
            assertThat(idp.logouts()).isEqualTo(1);
        } finally {
            browser.quit();
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String param(URI u, String name) {
        for (String kv : u.getRawQuery().split("&")) {
            int i = kv.indexOf('=');
            if (kv.substring(0, i).equals(name)) return java.net.URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8);
        }
        throw new AssertionError("no " + name + " in " + u);
    }

    /** One browser: its own cookies, redirects followed by hand so each step can be looked at. */
    final class Browser {
        final CookieManager cookies = new CookieManager();
        final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpResponse<String> get(String url) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String url, String form) throws Exception {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", base)
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The console's Sign in button: where it sends the browser. */
        URI startSignIn() throws Exception {
            HttpResponse<String> r = post(base + "/auth/start", "");
            assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        }

        /** The provider's form, filled in; the address it sends the browser back to. */
        URI atProvider(URI authorize, String login, String password) throws Exception {
            HttpResponse<String> form = get(authorize.toString());
            assertThat(form.statusCode()).as(form.body()).isEqualTo(200);
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher hidden = Pattern.compile("<input[^>]*type=\"hidden\"[^>]*>").matcher(form.body());
            while (hidden.find()) {
                Matcher n = Pattern.compile("name=\"([^\"]*)\"").matcher(hidden.group());
                Matcher v = Pattern.compile("value=\"([^\"]*)\"").matcher(hidden.group());
                if (n.find() && v.find()) fields.put(n.group(1), v.group(1));
            }
            fields.put("login", login);
            fields.put("password", password);
            Matcher action = Pattern.compile("<form[^>]*action=\"([^\"]*)\"").matcher(form.body());
            assertThat(action.find()).isTrue();
            String body = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(authorize.resolve(action.group(1)))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as("the provider signs " + login + " in: " + r.body()).isEqualTo(302);
            return URI.create(r.headers().firstValue("Location").orElseThrow());
        }

        /** The whole sign-in; the console's answer at its callback. */
        HttpResponse<String> signIn(String login, String password) throws Exception {
            return get(atProvider(startSignIn(), login, password).toString());
        }

        String cookie(String name) {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }

        String sessionCookie() {
            String v = cookie("mailclerk_session");
            return v == null || v.isEmpty() ? null : v;
        }

        void setCookie(String name, String value) {
            java.net.HttpCookie c = new java.net.HttpCookie(name, value);
            c.setPath("/auth/callback");
            c.setVersion(0);
            cookies.getCookieStore().add(URI.create(base), c);
        }

        String csrf(String page) throws Exception {
            Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get(page).body());
            assertThat(m.find()).isTrue();
            return m.group(1);
        }
    }
}
