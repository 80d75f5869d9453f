package mailclerk.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-reply claim on H2 and PostgreSQL: a second claim of the same message, made while the first is still
 * uncommitted, waits for it and is refused; a reply certainly not sent gives its claim back.
 */
class RepliesTest {
    @TempDir
    Path dir;

    @Test
    void aClaimRacingAnUncommittedClaimOfTheSameMessageIsRefusedOnH2() throws Exception {
        try (Journal j = Journal.open(dir)) {
            race(j, j);
        }
    }

    @Test
    void aClaimRacingAnUncommittedClaimOfTheSameMessageIsRefusedOnPostgres() throws Exception {
        String url = TestPostgres.newDatabase();
        try (Database one = Database.open(DatabaseTest.settings(Map.of("db.url", url)), dir);
             Database two = Database.open(DatabaseTest.settings(Map.of("db.url", url)), dir);
             Journal a = Journal.open(one); Journal b = Journal.open(two)) {
            race(a, b);
        }
    }

    /** Desk a claims the message and holds its transaction open; desk b's claim of its own copy comes meanwhile. */
    private static void race(Journal a, Journal b) throws Exception {
        HandledMessage atHelpdesk = decidedReply(a, "helpdesk", "<same@firm.example>", "helpdesk@court.example");
        HandledMessage atIntake = decidedReply(b, "intake", "<same@firm.example>", "intake@court.example");
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Replies.Claim> first = pool.submit(() -> a.inTransaction(() -> {
                Replies.Claim c = a.replies().claimSending(Fence.NONE, atHelpdesk.id());
                claimed.countDown();
                try {
                    commit.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return c;
            }));
            assertThat(claimed.await(10, TimeUnit.SECONDS)).isTrue();
            Future<Replies.Claim> second = pool.submit(() -> b.replies().claimSending(Fence.NONE, atIntake.id()));
            Thread.sleep(500); // the second claim is under way while the first is uncommitted
            assertThat(second.isDone()).as("the second claim waits for the first to commit or roll back").isFalse();
            commit.countDown();
            assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(Replies.Claim.CLAIMED);
            assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(Replies.Claim.ANSWERED_ELSEWHERE);
        } finally {
            pool.shutdownNow();
        }
        HandledMessage twin = b.messages().find("intake", 1, 1).orElseThrow();
        assertThat(twin.action()).isEqualTo("flag");
        assertThat(twin.stage()).isEqualTo(Stage.DECIDED);
        assertThat(twin.reason()).startsWith("being answered by helpdesk@court.example");
        assertThat(a.messages().find("helpdesk", 1, 1).orElseThrow().stage()).isEqualTo(Stage.SENDING);
    }

    @Test
    void aReplyCertainlyNotSentGivesItsClaimBack() {
        try (Journal j = Journal.open(dir)) {
            HandledMessage one = decidedReply(j, "helpdesk", "<m@firm.example>", "helpdesk@court.example");
            HandledMessage two = decidedReply(j, "intake", "<m@firm.example>", "intake@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, one.id())).isEqualTo(Replies.Claim.CLAIMED);
            // refused by the mail server for good: a flag now, and nothing went out
            j.replies().notSent(Fence.NONE, one.id(), "reply rejected by the mail server (550)");
            assertThat(j.replies().claimSending(Fence.NONE, two.id())).as("the other desk may answer it").isEqualTo(Replies.Claim.CLAIMED);
            j.messages().stage(two.id(), Stage.SENT);
            HandledMessage three = decidedReply(j, "other", "<m@firm.example>", "other@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, three.id())).isEqualTo(Replies.Claim.ANSWERED_ELSEWHERE);
            assertThat(j.messages().find("other", 1, 1).orElseThrow().reason()).startsWith("answered by intake@court.example");
        }
    }

    @Test
    void aClaimHandedBackIsStillItsOwnRecordsAndTwoCopiesInOneBatchGetOneReply() {
        try (Journal j = Journal.open(dir)) {
            Leases leases = new Leases(j.database(), "node", Duration.ofSeconds(30));
            Fence f = leases.acquire("helpdesk").orElseThrow();
            HandledMessage one = decidedReply(j, "helpdesk", "<x@firm.example>", "helpdesk@court.example", 1);
            HandledMessage copy = decidedReply(j, "helpdesk", "<x@firm.example>", "helpdesk@court.example", 2);
            Map<Long, Replies.Claim> claims = j.replies().claimSending(f, List.of(one.id(), copy.id()));
            assertThat(claims.values()).containsExactlyInAnyOrder(Replies.Claim.CLAIMED, Replies.Claim.ANSWERED_ELSEWHERE);
            long winner = claims.get(one.id()) == Replies.Claim.CLAIMED ? one.id() : copy.id();
            j.messages().stage(f, winner, Stage.DECIDED); // handed back: the connection dropped before SMTP
            assertThat(j.replies().claimSending(f, winner)).as("claimed again by the same record").isEqualTo(Replies.Claim.CLAIMED);
        }
    }

    @Test
    void aClerkTakesOverAnotherClerksClaimAndPutsItBackWhenHerReplyNeverLeft() {
        try (Journal j = Journal.open(dir)) {
            String id = "<t@firm.example>";
            String key = MessageKeys.ofMessageId(id);
            long annAction = j.clerkQueue().claimClerkAction("helpdesk", "q1", "ann", "send", id, "pat@firm.example", "PACER",
                    "forgot-pacer-credentials", 0.9, "v1", "pat@firm.example", "<a@court>");
            Replies.ClerkClaim ann = j.replies().claimForClerk(key, 0, "helpdesk", "helpdesk@court.example", "ann", false);
            assertThat(ann.taken()).isTrue();
            assertThat(ann.previous()).isNull();
            Replies.ClerkClaim bob = j.replies().claimForClerk(key, 0, "intake", "intake@court.example", "bob", false);
            assertThat(bob.taken()).as("a clerk's answer takes over another clerk's claim").isTrue();
            assertThat(bob.previous().clerk()).isEqualTo("ann");
            // bob's reply was refused by SMTP: ann's claim (her reply may have left) is back, not deleted
            j.replies().releaseClerkClaim(key, id, "intake", "bob", bob);
            HandledMessage auto = decidedReply(j, "other", id, "other@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, auto.id())).as("no automatic reply after ann's")
                    .isEqualTo(Replies.Claim.ANSWERED_ELSEWHERE);
            // ann's never left either: her action and her claim are given back, and the message is free
            j.clerkQueue().releaseClerkAction(annAction);
            j.replies().releaseClerkClaim(key, id, "helpdesk", "ann", ann);
            Replies.ClerkClaim suggested = j.replies().claimForClerk(key, 0, "intake", "intake@court.example", "bob", true);
            assertThat(suggested.taken()).isTrue();
        }
    }

    @Test
    void whenBothClerksSendsFailTheFirstGivenBackIsNotPutBackByTheSecond() {
        try (Journal j = Journal.open(dir)) {
            String id = "<s@firm.example>";
            String key = MessageKeys.ofMessageId(id);
            long annAction = j.clerkQueue().claimClerkAction("helpdesk", "q2", "ann", "send", id, "pat@firm.example", "PACER",
                    "forgot-pacer-credentials", 0.9, "v1", "pat@firm.example", "<a2@court>");
            Replies.ClerkClaim ann = j.replies().claimForClerk(key, 0, "helpdesk", "helpdesk@court.example", "ann", false);
            Replies.ClerkClaim bob = j.replies().claimForClerk(key, 0, "intake", "intake@court.example", "bob", false);
            // ann's send fails first (her release finds bob's claim and leaves it), then bob's
            j.clerkQueue().releaseClerkAction(annAction);
            j.replies().releaseClerkClaim(key, id, "helpdesk", "ann", ann);
            j.replies().releaseClerkClaim(key, id, "intake", "bob", bob);
            HandledMessage auto = decidedReply(j, "other", id, "other@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, auto.id())).as("nobody answered: the message is free")
                    .isEqualTo(Replies.Claim.CLAIMED);
        }
    }

    @Test
    void aClerksReplyTakesTheClaimOfAnAutomaticReplyWaitingForARetry() {
        try (Journal j = Journal.open(dir)) {
            HandledMessage one = decidedReply(j, "helpdesk", "<r@firm.example>", "helpdesk@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, one.id())).isEqualTo(Replies.Claim.CLAIMED);
            j.messages().stage(one.id(), Stage.DECIDED); // SMTP said "try later": it waits for the next poll
            String key = MessageKeys.ofMessageId("<r@firm.example>");
            Replies.ClerkClaim ann = j.replies().claimForClerk(key, 0, "intake", "intake@court.example", "ann", false);
            assertThat(ann.taken()).isTrue();
            assertThat(j.replies().claimSending(Fence.NONE, one.id())).as("never after the clerk's reply")
                    .isEqualTo(Replies.Claim.ANSWERED_ELSEWHERE);
        }
    }

    @Test
    void anAutomaticClaimIsNeverTakenOverAndTheSuggestedAnswerTakesNothingOver() {
        try (Journal j = Journal.open(dir)) {
            HandledMessage one = decidedReply(j, "helpdesk", "<u@firm.example>", "helpdesk@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, one.id())).isEqualTo(Replies.Claim.CLAIMED);
            String key = MessageKeys.ofMessageId("<u@firm.example>");
            Replies.ClerkClaim ann = j.replies().claimForClerk(key, 0, "intake", "intake@court.example", "ann", false);
            assertThat(ann.taken()).isFalse();
            j.replies().releaseClerkClaim(key, "<u@firm.example>", "intake", "ann", ann); // nothing of hers to give back
            HandledMessage other = decidedReply(j, "other", "<u@firm.example>", "other@court.example");
            assertThat(j.replies().claimSending(Fence.NONE, other.id())).isEqualTo(Replies.Claim.ANSWERED_ELSEWHERE);
            String key2 = MessageKeys.ofMessageId("<v@firm.example>");
            assertThat(j.replies().claimForClerk(key2, 0, "helpdesk", "helpdesk@court.example", "ann", false).taken()).isTrue();
            Replies.ClerkClaim confirm = j.replies().claimForClerk(key2, 0, "intake", "intake@court.example", "bob", true);
            assertThat(confirm.taken()).isFalse();
            assertThat(confirm.refusedBy()).isNotNull();
        }
    }

    @Test
    void aCopyOfAMessageAlreadyWithAClerkIsKnownAtEveryDesk() {
        try (Journal j = Journal.open(dir)) {
            HandledMessage h = j.messages().received(Fence.NONE, "helpdesk", 1, 7, "<w@firm.example>", "pat@firm.example",
                    "PACER", MessageKeys.ofMessageId("<w@firm.example>"), "helpdesk@court.example");
            assertThat(j.replies().history("intake").withClerk("<w@firm.example>")).as("only received").isEmpty();
            j.messages().decided(h.id(), "flag", null, 0.3, "low confidence", "v1", null, null);
            assertThat(j.replies().history("intake").withClerk("<w@firm.example>")).contains("helpdesk@court.example");
            assertThat(j.replies().history("intake").withClerk("<other@firm.example>")).isEmpty();
        }
    }

    static HandledMessage decidedReply(Journal j, String mailbox, String messageId, String desk) {
        return decidedReply(j, mailbox, messageId, desk, 1);
    }

    static HandledMessage decidedReply(Journal j, String mailbox, String messageId, String desk, long uid) {
        HandledMessage h = j.messages().received(Fence.NONE, mailbox, 1, uid, messageId, "pat@firm.example", "PACER password",
                MessageKeys.ofMessageId(messageId), desk);
        j.messages().decided(h.id(), "reply", "forgot-pacer-credentials", 0.97, "confident", "v1", "pat@firm.example",
                "<r" + uid + mailbox + "@court>");
        return h;
    }
}
