CREATE TABLE b (id int);
COMMENT ON TABLE b IS 'café';
