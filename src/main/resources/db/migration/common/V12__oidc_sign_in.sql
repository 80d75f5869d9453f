-- Sign-in through the court's identity provider (issue 21). A sign-in under way: the hash of its state (the browser
-- holds the state in a cookie), its nonce and PKCE verifier. Kept in the database so that the provider may send the
-- browser back to either node; a row is deleted when it is used, so a callback cannot be replayed.
CREATE TABLE IF NOT EXISTS console_sign_in (
  state_hash VARCHAR(100) PRIMARY KEY,
  nonce VARCHAR(100) NOT NULL,
  code_verifier VARCHAR(200) NOT NULL,
  created_at BIGINT NOT NULL);

-- The provider's id of each person who signed in (sub), for the audit: the console names people by e-mail, and an
-- address can be given to someone else later; the subject id cannot.
CREATE TABLE IF NOT EXISTS console_person (
  email VARCHAR(200) PRIMARY KEY,
  subject VARCHAR(255) NOT NULL,
  last_sign_in BIGINT NOT NULL);
