package mailclerk.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import mailclerk.cli.Wiring;
import mailclerk.config.Settings;
import mailclerk.mail.SmtpRefusal;
import mailclerk.queue.Journal;
import mailclerk.respond.PollResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Outages of the mail servers and things users do to the mailbox while mailclerk works: nothing lost, nothing twice. */
class OutageTest {
    @TempDir
    Path data;

    private static void deliver(TestMailServer server, int count) throws Exception {
        for (int i = 1; i <= count; i++) server.deliver(PollingTest.message(i));
    }

    /** Every filer got at most one reply, and every message is in exactly one of the three folders. */
    private static void assertNothingTwiceNothingLost(TestMailServer server, int count) throws Exception {
        Map<String, Integer> repliesPerFiler = new HashMap<>();
        for (MimeMessage m : server.repliesReceived()) {
            repliesPerFiler.merge(m.getAllRecipients()[0].toString(), 1, Integer::sum);
        }
        assertThat(repliesPerFiler.values()).allMatch(n -> n == 1);
        Map<String, Integer> folderOf = new HashMap<>();
        for (String folder : List.of("Answered", "Needs-Clerk", "Ignored", "INBOX")) {
            for (String id : server.folderIds(folder).keySet()) folderOf.merge(id, 1, Integer::sum);
        }
        assertThat(folderOf).hasSize(count);
        assertThat(folderOf.values()).allMatch(n -> n == 1);
        assertThat(server.folderCount("INBOX")).isZero();
    }

    @ParameterizedTest(name = "IMAP connection cut after {0} bytes from the server")
    // a whole poll of these 27 messages reads about 15,700 bytes from GreenMail: cuts in the login, the first
    // batch's fetch, its filing, and the second batch
    @ValueSource(longs = {500, 6_000, 11_000, 15_000})
    void aConnectionDroppedMidPollLosesNothingAndAnswersOnce(long cutAfter) throws Exception {
        int count = 27;
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             FaultyProxy proxy = new FaultyProxy(server.greenMail.getImap().getPort())) {
            deliver(server, count);
            Settings viaProxy = server.settings(data).with(Map.of("imap.port", Integer.toString(proxy.port())));
            proxy.dropAfterServerBytes(cutAfter);
            try {
                Wiring.responder(viaProxy, journal).pollOnce();
            } catch (MessagingException | RuntimeException e) {
                // expected for most cut points: the poll ends with an error and the next one carries on
            }
            assertThat(proxy.serverBytes()).as("the connection was cut during the poll").isGreaterThanOrEqualTo(cutAfter);

            proxy.heal();
            PollResult next = Wiring.responder(viaProxy, journal).pollOnce();
            assertThat(next.outcomes()).allMatch(o -> o.done());
            assertNothingTwiceNothingLost(server, count);
            assertThat(server.repliesReceived()).hasSizeLessThanOrEqualTo(count);
            assertThat(server.folderCount("Answered") + server.folderCount("Needs-Clerk")).isEqualTo(count);
            assertThat(Wiring.responder(viaProxy, journal).pollOnce().outcomes()).isEmpty();
        }
    }

    @Test
    void theImapServerDownFailsThePollAndTheNextPollCarriesOn() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             FaultyProxy proxy = new FaultyProxy(server.greenMail.getImap().getPort())) {
            deliver(server, 3);
            Settings viaProxy = server.settings(data).with(Map.of("imap.port", Integer.toString(proxy.port())));
            proxy.dropAfterServerBytes(0);
            assertThatThrownBy(() -> Wiring.responder(viaProxy, journal).pollOnce()).isInstanceOf(MessagingException.class);
            assertThat(server.folderCount("INBOX")).isEqualTo(3);
            proxy.heal();
            assertThat(Wiring.responder(viaProxy, journal).pollOnce().count("reply")).isEqualTo(3);
            assertNothingTwiceNothingLost(server, 3);
        }
    }

    @Test
    void smtpTemporaryFailureWaitsInTheInboxThenAPermanentOneGoesToAClerk() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             ScriptedSmtpServer smtp = new ScriptedSmtpServer("451 4.3.0 mailbox busy, try again later")) {
            deliver(server, 2);
            Settings s = server.settings(data).with(Map.of("smtp.port", Integer.toString(smtp.port())));
            PollResult first = Wiring.responder(s, journal).pollOnce();
            assertThat(first.outcomes()).hasSize(2).allMatch(o -> !o.done());
            assertThat(server.folderCount("INBOX")).isEqualTo(2);

            PollResult again = Wiring.responder(s, journal).pollOnce();
            assertThat(again.outcomes()).hasSize(2).allMatch(o -> !o.done());
            assertThat(smtp.messagesOffered.get()).isEqualTo(4);

            smtp.answer("554 5.7.1 relaying denied");
            PollResult last = Wiring.responder(s, journal).pollOnce();
            assertThat(last.outcomes()).hasSize(2).allSatisfy(o -> {
                assertThat(o.folder()).isEqualTo("Needs-Clerk");
                assertThat(o.reason()).contains("rejected by the mail server (554)");
            });
            assertThat(server.folderCount("INBOX")).isZero();
            assertThat(Wiring.responder(s, journal).pollOnce().outcomes()).isEmpty();
            assertThat(smtp.messagesOffered.get()).isEqualTo(6);
        }
    }

    @Test
    void aConnectionClosedAfterTheMessageIsNeverSentAgain() throws Exception {
        // the server may have queued the message before it went away: a clerk checks, nothing is resent
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             ScriptedSmtpServer smtp = new ScriptedSmtpServer(null)) {
            deliver(server, 2);
            Settings s = server.settings(data).with(Map.of("smtp.port", Integer.toString(smtp.port())));
            PollResult first = Wiring.responder(s, journal).pollOnce();
            assertThat(first.outcomes()).hasSize(2).allSatisfy(o -> {
                assertThat(o.folder()).isEqualTo("Needs-Clerk");
                assertThat(o.reason()).contains("may have been sent");
            });
            assertThat(smtp.messagesOffered.get()).isEqualTo(2);
            smtp.answer("250 2.0.0 queued");
            assertThat(Wiring.responder(s, journal).pollOnce().outcomes()).isEmpty();
            assertThat(smtp.messagesOffered.get()).as("never offered again").isEqualTo(2);
            assertThat(server.folderCount("INBOX")).isZero();
        }
    }

    @Test
    void aBeforeGoLiveAnswerWaitingForTheMailServerIsNotSentOnceTheCourtIsLive() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             ScriptedSmtpServer smtp = new ScriptedSmtpServer("451 4.3.0 try again later")) {
            server.deliver(("From: Pat Filer <pat@lawfirm.example>\r\nTo: " + TestMailServer.DESK + "\r\nSubject: ECF login\r\n"
                    + "Message-ID: <golive@lawfirm.example>\r\n\r\nI upgraded my PACER account and now I can't get into "
                    + "CM/ECF. What should I do?\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Settings before = server.settings(data).with(Map.of("smtp.port", Integer.toString(smtp.port()),
                    "court.nextgen-live-date", java.time.LocalDate.now().plusDays(30).toString()));
            PollResult first = Wiring.responder(before, journal).pollOnce();
            assertThat(first.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.done()).as("waits for the mail server").isFalse();
                assertThat(o.topic()).isEqualTo("cmecf-login-before-nextgen");
            });
            // the court goes live while the reply waits; the mail server takes mail again
            smtp.answer("250 2.0.0 queued");
            Settings live = server.settings(data).with(Map.of("smtp.port", Integer.toString(smtp.port()),
                    "court.nextgen-live-date", java.time.LocalDate.now().minusDays(1).toString()));
            PollResult next = Wiring.responder(live, journal).pollOnce();
            assertThat(next.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.folder()).isEqualTo("Needs-Clerk");
                assertThat(o.reason()).contains("out of date");
            });
            assertThat(smtp.messagesOffered.get()).as("offered once, refused; never sent after go-live").isEqualTo(1);
        }
    }

    @Test
    void aReplyWaitingForTheMailServerIsNotSentOnceItsTopicIsSwitchedOff() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             ScriptedSmtpServer smtp = new ScriptedSmtpServer("451 4.3.0 try again later")) {
            server.deliver(("From: Pat Filer <pat@lawfirm.example>\r\nTo: " + TestMailServer.DESK + "\r\nSubject: PACER password\r\n"
                    + "Message-ID: <switched-off@lawfirm.example>\r\n\r\nI forgot my PACER password and my username. How do "
                    + "I get them back?\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            Settings s = server.settings(data).with(Map.of("smtp.port", Integer.toString(smtp.port())));
            PollResult first = Wiring.responder(s, journal).pollOnce();
            assertThat(first.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.done()).as("waits for the mail server").isFalse();
                assertThat(o.topic()).isEqualTo("forgot-pacer-credentials");
            });
            // an administrator switches the topic off while the reply waits (on either node: the state is in the database)
            new mailclerk.queue.TopicStore(journal.database()).setState("forgot-pacer-credentials", null,
                    mailclerk.queue.TopicStore.State.OFF, "ada", System.currentTimeMillis(), "set off");
            smtp.answer("250 2.0.0 queued");
            PollResult next = Wiring.responder(s, journal).pollOnce();
            assertThat(next.outcomes()).singleElement().satisfies(o -> {
                assertThat(o.folder()).isEqualTo("Needs-Clerk");
                assertThat(o.reason()).contains("Topics page");
            });
            assertThat(smtp.messagesOffered.get()).as("offered once, refused; never sent after the topic went off").isEqualTo(1);
        }
    }

    @Test
    void aTopicSwitchedOffDuringABacklogStopsItsRepliesFromTheNextBatch() throws Exception {
        // 150 messages are two batches (100 and 50); the topic goes off as soon as the first reply of the first is sent
        int count = 150;
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            deliver(server, count);
            Settings s = server.settings(data);
            mailclerk.queue.TopicStore topics = new mailclerk.queue.TopicStore(journal.database());
            Thread administrator = new Thread(() -> {
                try {
                    while (server.repliesReceived().isEmpty()) Thread.sleep(5);
                    topics.setState("forgot-pacer-credentials", null, mailclerk.queue.TopicStore.State.OFF, "ada",
                            System.currentTimeMillis(), "set off");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            administrator.start();
            PollResult poll = Wiring.responder(s, journal).pollOnce();
            administrator.join(10_000);
            long replied = poll.outcomes().stream().filter(o -> o.action().equals("reply")).count();
            long off = poll.outcomes().stream().filter(o -> o.reason().contains("switched off")).count();
            assertThat(replied).as("the first batch was decided before the switch").isPositive().isLessThanOrEqualTo(100);
            assertThat(off).as("the second batch reads the switch").isGreaterThanOrEqualTo(50);
            assertThat(server.repliesReceived()).hasSize((int) replied);
            assertNothingTwiceNothingLost(server, count);
        }
    }

    @Test
    void onlyARefusalCodeOrNoConnectionMeansNothingWasDelivered() throws Exception {
        // what a clerk's send (web/ClerkDesk) and the automatic one decide by: real Angus exceptions from a real socket
        try (ScriptedSmtpServer smtp = new ScriptedSmtpServer(null)) {
            assertThat(SmtpRefusal.nothingDelivered(sendTo(smtp.port()))).as("closed after DATA").isFalse();
            smtp.answer("451 4.3.0 try again later");
            assertThat(SmtpRefusal.nothingDelivered(sendTo(smtp.port()))).as("451").isTrue();
            smtp.answer("554 5.7.1 rejected");
            assertThat(SmtpRefusal.nothingDelivered(sendTo(smtp.port()))).as("554").isTrue();
        }
        int closed;
        try (java.net.ServerSocket nobody = new java.net.ServerSocket(0)) {
            closed = nobody.getLocalPort();
        }
        assertThat(SmtpRefusal.nothingDelivered(sendTo(closed))).as("no server").isTrue();
    }

    private static MessagingException sendTo(int port) {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("mail.smtp.host", "127.0.0.1");
        p.setProperty("mail.smtp.port", Integer.toString(port));
        p.setProperty("mail.smtp.timeout", "5000");
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
        try {
            jakarta.mail.internet.MimeMessage m = new jakarta.mail.internet.MimeMessage(session);
            m.setFrom("helpdesk@iasb.uscourts.gov");
            m.setText("hello");
            jakarta.mail.Transport.send(m, new jakarta.mail.Address[] {new jakarta.mail.internet.InternetAddress("pat@law.example")});
        } catch (MessagingException e) {
            return e;
        }
        throw new AssertionError("the send did not fail");
    }

    @Test
    void aFolderDeletedByAUserIsCreatedAgain() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data)) {
            Settings s = server.settings(data);
            server.deliver(PollingTest.message(1));
            Wiring.responder(s, journal).pollOnce();
            assertThat(server.folderCount("Answered")).isEqualTo(1);

            server.deleteFolder("Answered");
            server.deleteFolder("Needs-Clerk");
            server.deliver(PollingTest.message(2));
            server.deliver(OversizedMailTest.manyParts(300));
            PollResult r = Wiring.responder(s, journal).pollOnce();
            assertThat(r.outcomes()).hasSize(2).allMatch(o -> o.done());
            assertThat(server.folderCount("Answered")).isEqualTo(1);
            assertThat(server.folderCount("Needs-Clerk")).isEqualTo(1);
            assertThat(server.folderCount("INBOX")).isZero();
        }
    }

    @Test
    void aMessageDeletedByAClerkWhileBeingAnsweredIsNotAnsweredTwice() throws Exception {
        try (TestMailServer server = new TestMailServer(); Journal journal = Journal.open(data);
             FaultyProxy smtp = new FaultyProxy(server.greenMail.getSmtp().getPort())) {
            server.deliver(PollingTest.message(1));
            Settings s = server.settings(data).with(Map.of("smtp.port", Integer.toString(smtp.port())));
            CountDownLatch sending = smtp.holdNewConnections();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<PollResult> poll = pool.submit(() -> Wiring.responder(s, journal).pollOnce());
                assertThat(sending.await(20, TimeUnit.SECONDS)).isTrue();
                server.deleteMessage("INBOX", "<m1@firm.example>"); // the clerk deletes it while the reply is on its way
                smtp.heal();
                PollResult r = poll.get(30, TimeUnit.SECONDS);
                assertThat(r.outcomes()).singleElement().satisfies(o -> assertThat(o.done()).isTrue());
            } finally {
                pool.shutdownNow();
            }
            assertThat(server.repliesReceived()).hasSize(1);
            assertThat(Arrays.stream(new String[] {"INBOX", "Answered", "Needs-Clerk", "Ignored"}).mapToInt(f -> {
                try {
                    return server.folderCount(f);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).sum()).as("the clerk deleted it; mailclerk does not bring it back").isZero();
            assertThat(Wiring.responder(s, journal).pollOnce().outcomes()).isEmpty();
            assertThat(server.repliesReceived()).hasSize(1);
        }
    }
}
