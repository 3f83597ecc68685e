-- Contract, step 1: prove email_address is never NULL without scanning the table under a lock. NOT VALID is instant:
-- new writes are checked from now on, existing rows by the next script.
ALTER TABLE accounts ADD CONSTRAINT accounts_email_address_not_null CHECK (email_address IS NOT NULL) NOT VALID;
