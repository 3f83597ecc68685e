-- Expand: release 1 still writes `email`, release 2 writes `email_address`. Both must see the other's rows.
ALTER TABLE accounts ADD COLUMN email_address text;
UPDATE accounts SET email_address = email WHERE email_address IS NULL;

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
