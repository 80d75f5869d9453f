-- The FAQ grows with the court's mail (issue 22). Each topic's state as set on the Topics page (draft: suggested to
-- clerks, never sent; live: answered; off: neither); without a row, reply.mode / reply.live-topics decide as before.
CREATE TABLE IF NOT EXISTS topic_state (
  topic VARCHAR(100) PRIMARY KEY,
  title VARCHAR(500),
  state VARCHAR(8) NOT NULL,
  changed_by VARCHAR(200) NOT NULL,
  changed_at BIGINT NOT NULL);

-- Every version of an answer written on the Topics page, who wrote it and who approved it. The answer in use is the
-- newest approved version; a newer one not yet approved waits for a second administrator. The shipped file in
-- templates/ is the answer while a topic has no approved version.
CREATE TABLE IF NOT EXISTS topic_answer (
  topic VARCHAR(100) NOT NULL,
  version INT NOT NULL,
  body VARCHAR(20000) NOT NULL,
  written_by VARCHAR(200) NOT NULL,
  written_at BIGINT NOT NULL,
  approved_by VARCHAR(200),
  approved_at BIGINT,
  CONSTRAINT topic_answer_key PRIMARY KEY (topic, version));

-- Who changed what on the Topics page, and when.
CREATE TABLE IF NOT EXISTS topic_event (
  at BIGINT NOT NULL,
  by_user VARCHAR(200) NOT NULL,
  topic VARCHAR(100) NOT NULL,
  what VARCHAR(1000) NOT NULL);
CREATE INDEX IF NOT EXISTS topic_event_at ON topic_event (at);
