-- Several help mailboxes (issue 11): a clerk's action and a clerk's claim belong to the mailbox whose Needs-Clerk
-- folder held the message (its journal key, as in handled_message.mailbox). UIDVALIDITY:UID alone is not enough:
-- servers derive UIDVALIDITY from the time a folder was made, so two accounts' folders made in the same second have
-- equal ones, and both number their messages from 1. Portable SQL: H2 (PostgreSQL mode) and PostgreSQL alike.

ALTER TABLE clerk_action ADD COLUMN IF NOT EXISTS mailbox VARCHAR(200) DEFAULT '' NOT NULL;

-- the actions of a journal that has only ever known one mailbox belong to that one; in a journal that already held
-- several they keep '' (the journal cannot tell whose they were; see Journal.claimClerkAction)
UPDATE clerk_action SET mailbox = (SELECT MIN(mailbox) FROM handled_message)
 WHERE mailbox = '' AND (SELECT COUNT(DISTINCT mailbox) FROM handled_message) = 1;

ALTER TABLE clerk_action DROP CONSTRAINT IF EXISTS clerk_action_once;
ALTER TABLE clerk_action ADD CONSTRAINT clerk_action_once UNIQUE (mailbox, queue_key);

-- claims are advice that lapses after 30 minutes: the table is made again with the mailbox in its key
DROP TABLE IF EXISTS clerk_claim;
CREATE TABLE clerk_claim (
  mailbox VARCHAR(200) NOT NULL,
  queue_key VARCHAR(300) NOT NULL,
  clerk VARCHAR(200) NOT NULL,
  at BIGINT NOT NULL,
  CONSTRAINT clerk_claim_key PRIMARY KEY (mailbox, queue_key));
