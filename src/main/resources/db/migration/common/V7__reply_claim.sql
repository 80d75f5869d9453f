-- One automatic reply per message, whatever the desk or node (issue 17). Portable SQL: H2 (PostgreSQL mode) and
-- PostgreSQL alike.

-- the key that says two records are one message: 'mid:' and its Message-ID (first 500 characters), or for mail
-- without one 'fp:' and a SHA-256 of sender, date, subject and text; set when the message is recorded
ALTER TABLE handled_message ADD COLUMN IF NOT EXISTS message_key VARCHAR(600);
-- the help-desk address of the mailbox the message came to, named on the twin that gets no second reply
ALTER TABLE handled_message ADD COLUMN IF NOT EXISTS desk VARCHAR(1000);

-- a reply is claimed (stage SENDING) only together with a row here: the primary key refuses the second claim of the
-- same message, from any desk and any node, at the moment of the claim and not at an earlier check; a clerk who
-- sends the answer from the console claims it too (clerk: who), so no automatic reply follows hers at another desk
CREATE TABLE IF NOT EXISTS reply_claim (
  message_key VARCHAR(600) PRIMARY KEY,
  handled_id BIGINT NOT NULL,
  mailbox VARCHAR(200) NOT NULL,
  desk VARCHAR(1000),
  clerk VARCHAR(200),
  claimed_at BIGINT NOT NULL);

-- replies that went out (or may have) before this version: their messages count as claimed, so a copy is refused too
INSERT INTO reply_claim (message_key, handled_id, mailbox, desk, claimed_at)
SELECT CONCAT('mid:', SUBSTRING(message_id, 1, 500)), MIN(id), MIN(mailbox), NULL, MIN(updated_at)
  FROM handled_message
 WHERE action = 'reply' AND stage IN ('SENDING', 'SENT', 'FILED') AND message_id IS NOT NULL AND message_id <> ''
 GROUP BY CONCAT('mid:', SUBSTRING(message_id, 1, 500));
