ALTER TABLE queue_jobs ALTER COLUMN payload SET DEFAULT '{}';
