package mailclerk.it;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import mailclerk.queue.Journal;

/**
 * A journal as a busy month leaves it, written straight with JDBC batches (the responder's own path would take
 * minutes for 50,000 messages): messages over the last 30 days, about half answered automatically and a third flagged,
 * and a clerk's action on most flagged ones, each in the mailbox whose folder held the message.
 */
final class BusyJournal {
    private BusyJournal() {
    }

    static void fill(Journal journal, String mailbox, int messages, Instant now) throws Exception {
        Random random = new Random(17);
        long from = now.minus(Duration.ofDays(30)).toEpochMilli();
        long span = now.toEpochMilli() - from;
        String[] topics = {"where-to-login", "forgot-pacer-credentials", "linking-error", "register-new-pacer-account", null};
        try (Connection c = journal.database().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement h = c.prepareStatement("INSERT INTO handled_message (mailbox, uid_validity, uid, message_id, "
                    + "sender, sender_lc, subject, stage, action, topic, confidence, reason, received_at, updated_at, folder, "
                    + "filed_uid_validity, filed_uid) VALUES (?, 1, ?, ?, ?, ?, ?, 'FILED', ?, ?, 0.9, 'bench', ?, ?, ?, 7, ?)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO clerk_action (mailbox, queue_key, clerk, action, message_id, "
                         + "sender, subject, topic, done, at) VALUES (?, ?, 'ann', ?, ?, ?, 'bench', ?, TRUE, ?)")) {
                for (int i = 1; i <= messages; i++) {
                    long at = from + (long) (random.nextDouble() * span);
                    int kind = random.nextInt(10);
                    String action = kind < 5 ? "reply" : kind < 8 ? "flag" : "ignore";
                    String topic = topics[random.nextInt(topics.length)];
                    String sender = "filer" + random.nextInt(5_000) + "@firm.example";
                    h.setString(1, mailbox);
                    h.setLong(2, i);
                    h.setString(3, "<busy" + i + "@firm.example>");
                    h.setString(4, sender);
                    h.setString(5, sender);
                    h.setString(6, "question " + i);
                    h.setString(7, action);
                    h.setString(8, topic);
                    h.setLong(9, at);
                    h.setLong(10, at);
                    h.setString(11, action.equals("reply") ? "Answered" : action.equals("flag") ? "Needs-Clerk" : "Ignored");
                    h.setLong(12, i);
                    h.addBatch();
                    if (action.equals("flag") && random.nextInt(10) < 9) {
                        a.setString(1, mailbox);
                        a.setString(2, "7:" + i);
                        a.setString(3, random.nextBoolean() ? "send" : "answered-by-hand");
                        a.setString(4, "<busy" + i + "@firm.example>");
                        a.setString(5, sender);
                        a.setString(6, topic);
                        a.setLong(7, at + random.nextInt(3_600_000));
                        a.addBatch();
                    }
                    if (i % 1_000 == 0) {
                        h.executeBatch();
                        a.executeBatch();
                    }
                }
                h.executeBatch();
                a.executeBatch();
            }
            c.commit();
        }
    }
}
