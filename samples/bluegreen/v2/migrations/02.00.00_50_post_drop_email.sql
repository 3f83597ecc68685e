-- Contract: only release 2 runs now; nothing reads or writes `email` any more.
DROP TRIGGER accounts_sync_email ON accounts;
DROP FUNCTION accounts_sync_email();
ALTER TABLE accounts DROP COLUMN email;
ALTER TABLE accounts ALTER COLUMN email_address SET NOT NULL;
