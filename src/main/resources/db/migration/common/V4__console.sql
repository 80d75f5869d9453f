-- The clerks' console (issue 13). Portable SQL: H2 (PostgreSQL mode) and PostgreSQL run the same script.
-- (Version 3 is QuartzTables, a Java migration that runs on PostgreSQL only.)

-- "I am on it": advice to the other clerks, lapsing after 30 minutes; the clerk_action key stays the one guard
CREATE TABLE IF NOT EXISTS clerk_claim (
  queue_key VARCHAR(300) PRIMARY KEY,
  clerk VARCHAR(200) NOT NULL,
  at BIGINT NOT NULL);

-- a sender's earlier messages on the message page: addresses compared without case, through an index
ALTER TABLE handled_message ADD COLUMN IF NOT EXISTS sender_lc VARCHAR(1000);
UPDATE handled_message SET sender_lc = LOWER(sender) WHERE sender_lc IS NULL;
CREATE INDEX IF NOT EXISTS handled_sender ON handled_message(sender_lc, received_at);

-- the dashboard reads the last 30 days; a follow-up finds the clerk's reply it answers
CREATE INDEX IF NOT EXISTS handled_received ON handled_message(received_at);
CREATE INDEX IF NOT EXISTS clerk_action_reply_id ON clerk_action(reply_message_id);
