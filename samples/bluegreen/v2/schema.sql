-- Release 02.00.00: a fresh install in one go.
CREATE TABLE accounts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    email_address text NOT NULL,
    email_domain  text
);
CREATE UNIQUE INDEX accounts_email_address_key ON accounts (email_address);
