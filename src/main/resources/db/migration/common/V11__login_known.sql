-- Where each account has signed in with the right password lately (issue 18): from such an address the name-wide
-- delays against a guess spread over many addresses do not apply, so a guesser cannot keep the clerk out from her own
-- desk. Rows older than 90 days are deleted as it goes. Portable SQL: H2 (PostgreSQL mode) and PostgreSQL alike.
CREATE TABLE IF NOT EXISTS login_known (
  name_key VARCHAR(200) NOT NULL,
  address VARCHAR(200) NOT NULL,
  last_ok BIGINT NOT NULL,
  CONSTRAINT login_known_key PRIMARY KEY (name_key, address));
