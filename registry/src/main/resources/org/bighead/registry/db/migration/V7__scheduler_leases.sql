-- Several registries may share one database. Each scheduler writes its heartbeat here every few seconds; a run it
-- holds carries its owner id. A scheduler seeing an owner whose beat is older than the lease (or no row at all: it
-- stopped cleanly) marks that owner's running runs interrupted with one conditional UPDATE, so exactly one of them
-- does it, and the runs are retried like failed ones.
CREATE TABLE schedulers (
    owner      VARCHAR(128) NOT NULL PRIMARY KEY,
    started_at VARCHAR(30)  NOT NULL,
    beat_at    VARCHAR(30)  NOT NULL
);

-- Each poll asks only for the jobs that are due (next_time <= now).
CREATE INDEX jobs_by_next_time ON jobs (next_time);

-- A job run's own token (scope 'run', user 'job:NAME'): valid while that attempt of that run is running and
-- until expires_at; it may read, register versions of `model` and move its `alias`, nothing else.
ALTER TABLE tokens ADD COLUMN job_name VARCHAR(64);
ALTER TABLE tokens ADD COLUMN logical_time VARCHAR(30);
ALTER TABLE tokens ADD COLUMN attempt INTEGER;
ALTER TABLE tokens ADD COLUMN model VARCHAR(64);
ALTER TABLE tokens ADD COLUMN alias VARCHAR(32);
ALTER TABLE tokens ADD COLUMN expires_at VARCHAR(30);
CREATE INDEX tokens_by_run ON tokens (job_name, logical_time);
