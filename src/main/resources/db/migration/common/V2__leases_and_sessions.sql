-- One node polls a mailbox at a time: the lease holder. The token grows with every takeover; every journal write
-- of a poll carries it, so a node that froze and lost the lease cannot write, or send, any more.
CREATE TABLE IF NOT EXISTS mailbox_lease (
  mailbox VARCHAR(200) PRIMARY KEY,
  holder VARCHAR(200) NOT NULL,
  token BIGINT NOT NULL,
  expires_at BIGINT NOT NULL);

ALTER TABLE handled_message ADD COLUMN IF NOT EXISTS lease_token BIGINT;

-- console sessions, so that any node behind a load balancer knows a clerk who logged in on another
CREATE TABLE IF NOT EXISTS console_session (
  token_hash VARCHAR(100) PRIMARY KEY,
  user_name VARCHAR(200) NOT NULL,
  role VARCHAR(16) NOT NULL,
  csrf VARCHAR(100) NOT NULL,
  started_at BIGINT NOT NULL,
  last_seen BIGINT NOT NULL,
  expires_at BIGINT NOT NULL);
