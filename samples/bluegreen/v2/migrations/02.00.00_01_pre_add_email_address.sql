-- Expand: release 1 still writes `email`, release 2 writes `email_address`. Both must see the other's rows.
-- The existing rows are copied by the post-deploy action 2026-11-copy-email-address, in batches, after this phase and
-- before release 2 takes traffic: one UPDATE of the whole table here would lock every row for the whole script
-- (cutover lint: CUT109).
ALTER TABLE accounts ADD COLUMN email_address text;

CREATE FUNCTION accounts_sync_email() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- Whichever column the writing release set, copy it to the other one.
    IF TG_OP = 'INSERT' THEN
        NEW.email_address := COALESCE(NEW.email_address, NEW.email);
        NEW.email := COALESCE(NEW.email, NEW.email_address);
    ELSIF NEW.email IS DISTINCT FROM OLD.email THEN
        NEW.email_address := NEW.email;
    ELSIF NEW.email_address IS DISTINCT FROM OLD.email_address THEN
        NEW.email := NEW.email_address;
    END IF;
    RETURN NEW;
END;
$$;

CREATE TRIGGER accounts_sync_email
    BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE FUNCTION accounts_sync_email();
