-- The dashboard and a sender's history join each message to the clerk's action on it (issue 18). The join used to
-- accept an action of mailbox '' (recorded before actions had a mailbox, in a journal that already held several:
-- see V5) with an OR, which no index can serve: 8.5 s on a journal of 4,262 messages. Such actions are now given
-- their mailbox where the journal can tell it (exactly one mailbox filed a message under that queue key, and that
-- mailbox has no action of its own there), and the join asks for the mailbox alone, through clerk_action_once.
-- An action the journal cannot attribute keeps '' and still guards against a second action (Journal's claim), but no
-- longer counts on the dashboard. Portable SQL: H2 (PostgreSQL mode) and PostgreSQL alike.
UPDATE clerk_action SET mailbox = (
    SELECT MIN(h.mailbox) FROM handled_message h
     WHERE h.filed_uid IS NOT NULL AND CONCAT(h.filed_uid_validity, ':', h.filed_uid) = clerk_action.queue_key)
 WHERE mailbox = ''
   AND (SELECT COUNT(DISTINCT h.mailbox) FROM handled_message h
         WHERE h.filed_uid IS NOT NULL AND CONCAT(h.filed_uid_validity, ':', h.filed_uid) = clerk_action.queue_key) = 1
   AND NOT EXISTS (SELECT 1 FROM clerk_action c2 JOIN handled_message h2 ON h2.mailbox = c2.mailbox
                    WHERE c2.queue_key = clerk_action.queue_key AND c2.mailbox <> ''
                      AND h2.filed_uid IS NOT NULL AND CONCAT(h2.filed_uid_validity, ':', h2.filed_uid) = clerk_action.queue_key);

-- the dashboard's join: a message's filed place, to its clerk action by (mailbox, queue_key)
CREATE INDEX IF NOT EXISTS handled_filed_by_mailbox ON handled_message(mailbox, filed_uid_validity, filed_uid);
