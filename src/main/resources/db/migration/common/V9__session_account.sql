-- A console session is bound to the account as it was when the clerk logged in (issue 18): a stamp of the account's
-- role and password hash. Every request compares it with the account as configured now, so a clerk removed from
-- console.users, demoted, or whose password was changed loses the session at the next request (and at start).
-- Sessions from before this version have no stamp and end at the first start of it.
ALTER TABLE console_session ADD COLUMN IF NOT EXISTS account_stamp VARCHAR(100);
