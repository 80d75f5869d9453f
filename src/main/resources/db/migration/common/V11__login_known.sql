-- Where each account has signed in with the right password lately (issue 18): from such an address the name-wide
-- delays against a guess spread over many addresses do not apply, so a guesser cannot keep the clerk out from her own
-- desk. A row is bound to the account as it was (a stamp of name, role and password hash): a password change makes
-- every earlier address unknown again, so addresses gathered with a leaked password buy nothing after the reset.
-- At most 20 addresses are kept per account; rows older than 90 days are deleted as it goes.
CREATE TABLE IF NOT EXISTS login_known (
  name_key VARCHAR(200) NOT NULL,
  address VARCHAR(200) NOT NULL,
  stamp VARCHAR(100) NOT NULL,
  last_ok BIGINT NOT NULL,
  CONSTRAINT login_known_key PRIMARY KEY (name_key, address, stamp));
CREATE INDEX IF NOT EXISTS login_known_last ON login_known(last_ok);
