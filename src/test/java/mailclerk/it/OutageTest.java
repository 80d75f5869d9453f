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
