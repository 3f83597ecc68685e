-- Contract, step 2: check the existing rows (the backfill filled them). VALIDATE CONSTRAINT takes SHARE UPDATE
-- EXCLUSIVE, so release 2 keeps reading and writing while it scans; in a script of its own, because the ACCESS
-- EXCLUSIVE lock the ADD CONSTRAINT took would otherwise last through the scan.
ALTER TABLE accounts VALIDATE CONSTRAINT accounts_email_address_not_null;
