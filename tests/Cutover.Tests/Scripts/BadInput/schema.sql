CREATE TABLE s (id int);
