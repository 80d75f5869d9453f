package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.Folders;
import mailclerk.mail.HelpMailbox;
import mailclerk.mail.Outbox;
import mailclerk.mail.oauth.OAuthException;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Microsoft 365 / Google mailboxes: XOAUTH2 for IMAP and SMTP with tokens from a token endpoint, against GreenMail,
 * which accepts a token when it equals the user's password; the fake identity provider sets that password to each
 * token it issues, so an older token is refused as a real server refuses an expired one.
 */
class OAuthTest {
    @TempDir
    Path dir;
    TestMailServer server;
    FakeIdentityProvider idp;

    @BeforeEach
    void start() throws Exception {
        server = new TestMailServer();
        idp = new FakeIdentityProvider();
        idp.onToken(token -> server.desk.setPassword(token));
        server.desk.setPassword("no-password-works-here");
    }

    @AfterEach
    void stop() {
        idp.close();
        server.close();
    }

    Settings settings(Map<String, String> extra) {
        Map<String, String> o = new HashMap<>();
        o.put("imap.password", "");
        o.put("imap.auth", "xoauth2");
        o.put("smtp.auth", "xoauth2");
        o.put("oauth.flow", "client-credentials");
        o.put("oauth.token-url", idp.url());
        o.put("oauth.client-id", FakeIdentityProvider.CLIENT_ID);
        o.put("oauth.client-secret", FakeIdentityProvider.CLIENT_SECRET);
        o.putAll(extra);
        return server.settings(dir.resolve("data")).with(o);
    }

    static byte[] question(int i) {
        return ("From: Filer " + i + " <filer" + i + "@firm.example>\r\nTo: helpdesk@iasb.uscourts.gov\r\n"
                + "Subject: PACER question " + i + "\r\nMessage-ID: <o" + i + "@firm.example>\r\n"
                + "Date: Tue, 14 Oct 2025 09:12:00 -0500\r\n\r\n"
                + "I forgot my PACER password and cannot log in, can you help me reset it?\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void clientCredentialsPollAndReplyUseXoauth2AndNothingElse() throws Exception {
        Settings s = settings(Map.of());
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            PollResult r = Wiring.responder(s, journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            assertThat(server.repliesReceived()).hasSize(1);
            assertThat(idp.tokensIssued.get()).as("one token for IMAP and SMTP, cached").isEqualTo(1);

            ByteArrayOutputStream imapTrace = new ByteArrayOutputStream();
            try (HelpMailbox mbx = HelpMailbox.open(Wiring.imap(s, journal), Folders.from(s), new PrintStream(imapTrace, true))) {
                assertThat(mbx.uidValidity()).isPositive();
            }
            String imap = imapTrace.toString(StandardCharsets.UTF_8);
            assertThat(imap).contains("AUTHENTICATE XOAUTH2").doesNotContain(" LOGIN ").doesNotContain("AUTHENTICATE PLAIN");

            Outbox outbox = new Outbox(Wiring.smtp(s, journal), null);
            ByteArrayOutputStream smtpTrace = new ByteArrayOutputStream();
            outbox.session().setDebugOut(new PrintStream(smtpTrace, true));
            outbox.session().setDebug(true);
            MimeMessage m = new MimeMessage(outbox.session());
            m.setFrom("helpdesk@iasb.uscourts.gov");
            m.setSubject("check");
            m.setText("check");
            outbox.send(m, new InternetAddress("someone@firm.example"));
            assertThat(smtpTrace.toString(StandardCharsets.UTF_8)).contains("Using mechanism XOAUTH2")
                    .contains("AUTH XOAUTH2 succeeded").doesNotContain("Using mechanism LOGIN").doesNotContain("Using mechanism PLAIN");
        }
    }

    @Test
    void aTokenThatExpiresBetweenPollsIsRenewed() throws Exception {
        idp.lifetimeSeconds = 2; // renewed when half its life is gone
        Settings s = settings(Map.of());
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            Wiring.responder(s, journal).pollOnce();
            Thread.sleep(1_500);
            server.deliver(question(2));
            PollResult r = Wiring.responder(s, journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            assertThat(idp.tokensIssued.get()).isEqualTo(2);
            assertThat(server.repliesReceived()).hasSize(2);
        }
    }

    @Test
    void aTokenRefusedMidRunIsDroppedAndReplacedOnce() throws Exception {
        Settings s = settings(Map.of());
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            Wiring.responder(s, journal).pollOnce();
            server.desk.setPassword("revoked-by-the-tenant"); // the cached token is no longer accepted
            server.deliver(question(2));
            PollResult r = Wiring.responder(s, journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            assertThat(idp.tokensIssued.get()).isEqualTo(2);
        }
    }

    @Test
    void theTokenEndpointDownIsAnOutageAndNothingIsLost() throws Exception {
        Settings s = settings(Map.of());
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            idp.down = true;
            assertThatThrownBy(() -> Wiring.responder(s, journal).pollOnce()).isInstanceOf(OAuthException.class)
                    .satisfies(e -> assertThat(((OAuthException) e).setupError()).isFalse())
                    .hasMessageContaining("retried at the next poll");
            assertThat(server.folderCount("INBOX")).isEqualTo(1);
            idp.down = false;
            assertThat(Wiring.responder(s, journal).pollOnce().count("reply")).isEqualTo(1);
            assertThat(server.folderCount("INBOX")).isZero();
        }
    }

    @Test
    void aRotatedRefreshTokenIsKeptAcrossARestart() throws Exception {
        Path first = dir.resolve("first-refresh-token");
        String initial = idp.firstRefreshToken();
        Files.writeString(first, initial);
        Settings s = settings(Map.of("oauth.flow", "refresh-token", "oauth.client-secret", "",
                "oauth.refresh-token-file", first.toString()));
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            assertThat(Wiring.responder(s, journal).pollOnce().count("reply")).isEqualTo(1);
        }
        // a restart: a new process has no cached token, and the file's token was used up by the first refresh
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(2));
            assertThat(Wiring.responder(s, journal).pollOnce().count("reply")).isEqualTo(1);
        }
        assertThat(idp.tokensIssued.get()).isEqualTo(2);
        for (Path f : Files.list(dir.resolve("data")).toList()) {
            if (f.toString().endsWith(".properties")) assertThat(Files.readString(f)).doesNotContain("rt-").doesNotContain("at-");
        }
    }

    @Test
    void aWrongSecretIsASetupErrorNamedForTheAdministrator() throws Exception {
        Settings s = settings(Map.of("oauth.client-secret", "wrong-secret-value"));
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            assertThatThrownBy(() -> Wiring.responder(s, journal).pollOnce()).isInstanceOf(OAuthException.class)
                    .satisfies(e -> assertThat(((OAuthException) e).setupError()).isTrue())
                    .hasMessageContaining("invalid_client").hasMessageContaining("client id or secret")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-secret-value"));
            assertThat(Files.readString(dir.resolve("data/status.properties"))).contains("invalid_client")
                    .doesNotContain("wrong-secret-value");
            assertThat(server.folderCount("INBOX")).isEqualTo(1);
        }
    }

    @Test
    void aGoogleServiceAccountSignsAJwtForTheMailbox() throws Exception {
        Path key = dir.resolve("service-account.json");
        Files.writeString(key, idp.serviceAccountKeyJson());
        Settings s = settings(Map.of("oauth.flow", "google-service-account", "oauth.client-id", "", "oauth.client-secret", "",
                "oauth.service-account-key-file", key.toString(), "oauth.subject", "helpdesk"));
        try (Journal journal = Journal.open(dir.resolve("data"))) {
            server.deliver(question(1));
            assertThat(Wiring.responder(s, journal).pollOnce().count("reply")).isEqualTo(1);
            assertThat(idp.lastSubject).isEqualTo("helpdesk");
        }
    }
}
