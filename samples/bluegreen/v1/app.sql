-- Release 1's queries: it knows only `email`.
INSERT INTO accounts (name, email) VALUES (:'who', :'who' || '@v1.example');
SELECT name, email FROM accounts ORDER BY id DESC LIMIT 3;
