ALTER TABLE queue_jobs ADD COLUMN queued_at timestamptz NOT NULL DEFAULT now();
