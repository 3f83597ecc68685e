-- Release 2's queries: it knows only `email_address` and `email_domain`.
INSERT INTO accounts (name, email_address, email_domain) VALUES (:'who', :'who' || '@v2.example', 'v2.example');
SELECT name, email_address, email_domain FROM accounts ORDER BY id DESC LIMIT 3;
