CREATE TABLE s (id int);
ÿ
