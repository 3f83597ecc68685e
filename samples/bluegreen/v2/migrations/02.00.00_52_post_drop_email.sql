-- Contract, step 3: only release 2 runs now; nothing reads or writes `email` any more.
DROP TRIGGER accounts_sync_email ON accounts;
DROP FUNCTION accounts_sync_email();
-- cutover:allow CUT001 every row's email is in email_address (backfill 2026-11-copy-email-address, checked by the constraint)
ALTER TABLE accounts DROP COLUMN email;
-- The validated check proves it: no scan under ACCESS EXCLUSIVE. The check has done its work.
ALTER TABLE accounts ALTER COLUMN email_address SET NOT NULL;
ALTER TABLE accounts DROP CONSTRAINT accounts_email_address_not_null;
