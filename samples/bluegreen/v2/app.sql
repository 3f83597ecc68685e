-- Release 2's queries: it knows only `email_address`.
INSERT INTO accounts (name, email_address) VALUES (:'who', :'who' || '@v2.example');
SELECT name, email_address FROM accounts ORDER BY id;
