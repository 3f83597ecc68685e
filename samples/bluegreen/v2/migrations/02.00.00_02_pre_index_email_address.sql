-- cutover:no-transaction
-- Built concurrently so that writes to accounts never wait for the index.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS accounts_email_address_key ON accounts (email_address);
