package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.MailErrors;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS with certificate and host-name checks: implicit TLS against GreenMail's IMAPS and SMTPS ports, STARTTLS
 * through {@link StartTlsFront}; the certificate is trusted only through the configured trust store, as a
 * court's internal CA would be. See src/test/resources/tls/README.md.
 */
class TlsTest {
    @TempDir
    Path data;

    @BeforeAll
    static void greenMailUsesTheTestCertificate() {
        // read once, when GreenMail first opens a TLS port (no other test class uses TLS)
        System.setProperty("greenmail.tls.keystore.file", StartTlsFront.KEYSTORE.toAbsolutePath().toString());
        System.setProperty("greenmail.tls.keystore.password", StartTlsFront.PASSWORD);
        System.setProperty("greenmail.tls.key.password", StartTlsFront.PASSWORD);
    }

    private static Map<String, String> trusting() {
        Map<String, String> o = new HashMap<>();
        o.put("tls.truststore", StartTlsFront.TRUSTSTORE.toAbsolutePath().toString());
        o.put("tls.truststore.password", StartTlsFront.PASSWORD);
        return o;
    }

    private Settings implicitTls(TestMailServer server, String host, Map<String, String> extra) {
        Map<String, String> o = new HashMap<>(extra);
        o.put("imap.host", host);
        o.put("imap.port", Integer.toString(server.greenMail.getImaps().getPort()));
        o.put("imap.security", "tls");
        o.put("smtp.host", host);
        o.put("smtp.port", Integer.toString(server.greenMail.getSmtps().getPort()));
        o.put("smtp.security", "tls");
        return server.settings(data).with(o);
    }

    @Test
    void implicitTlsWithTheCourtsTrustStore() throws Exception {
        try (TestMailServer server = new TestMailServer(true); Journal journal = Journal.open(data)) {
            server.deliver(PollingTest.message(1));
            PollResult r = Wiring.responder(implicitTls(server, "localhost", trusting()), journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            assertThat(server.repliesReceived()).hasSize(1);
            assertThat(server.folderCount("Answered")).isEqualTo(1);
        }
    }

    @Test
    void startTlsForImapAndSmtp() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             StartTlsFront imap = new StartTlsFront(StartTlsFront.Protocol.IMAP, server.greenMail.getImap().getPort());
             StartTlsFront smtp = new StartTlsFront(StartTlsFront.Protocol.SMTP, server.greenMail.getSmtp().getPort())) {
            server.deliver(PollingTest.message(1));
            Map<String, String> o = trusting();
            o.put("imap.host", "localhost");
            o.put("imap.port", Integer.toString(imap.port()));
            o.put("imap.security", "starttls");
            o.put("smtp.host", "localhost");
            o.put("smtp.port", Integer.toString(smtp.port()));
            o.put("smtp.security", "starttls");
            PollResult r = Wiring.responder(server.settings(data).with(o), journal).pollOnce();
            assertThat(r.count("reply")).isEqualTo(1);
            assertThat(server.repliesReceived()).hasSize(1);
        }
    }

    @Test
    void aCertificateOutsideTheTrustStoreIsRefusedWithAClearMessage() throws Exception {
        try (TestMailServer server = new TestMailServer(true); Journal journal = Journal.open(data)) {
            server.deliver(PollingTest.message(1));
            Throwable e = catchThrowable(() -> Wiring.responder(implicitTls(server, "localhost", Map.of()), journal).pollOnce());
            assertThat(e).isNotNull();
            assertThat(MailErrors.explain(e)).contains("certificate is not trusted").contains("tls.truststore");
            assertThat(server.folderCount("INBOX")).isEqualTo(1);
        }
    }

    @Test
    void aCertificateForAnotherHostNameIsRefused() throws Exception {
        try (TestMailServer server = new TestMailServer(true); Journal journal = Journal.open(data)) {
            server.deliver(PollingTest.message(1));
            // the certificate names "localhost" only; 127.0.0.1 is the same machine but not the name on it
            Throwable e = catchThrowable(() -> Wiring.responder(implicitTls(server, "127.0.0.1", trusting()), journal).pollOnce());
            assertThat(e).isNotNull();
            assertThat(MailErrors.explain(e)).contains("does not name the host");
            assertThat(server.folderCount("INBOX")).isEqualTo(1);
        }
    }

    @Test
    void starttlsRequiredButNotOfferedNeverSendsThePasswordInClear() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            server.deliver(PollingTest.message(1));
            Map<String, String> o = trusting();
            o.put("imap.security", "starttls"); // GreenMail's plain IMAP port offers no STARTTLS
            Throwable e = catchThrowable(() -> Wiring.responder(server.settings(data).with(o), journal).pollOnce());
            assertThat(e).isNotNull();
            assertThat(MailErrors.explain(e)).contains("does not offer STARTTLS");
        }
    }
}
