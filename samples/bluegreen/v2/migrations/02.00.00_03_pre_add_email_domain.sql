-- Release 2 fills this for new rows; `cutover deploy --auto` backfills the existing ones after the deploy.
ALTER TABLE accounts ADD COLUMN email_domain text;
