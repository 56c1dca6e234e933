-- Scheduled jobs (`bighead jobs create …`) and their runs. The scheduler embedded in `bighead registry serve`
-- polls this table; a run is claimed by inserting its row, and PRIMARY KEY (job_name, logical_time) makes that claim the
-- only one, across threads, processes and crashes. Times are RFC 3339 UTC text like the rest of the schema.
CREATE TABLE jobs (
    name            VARCHAR(64)   NOT NULL PRIMARY KEY,
    kind            VARCHAR(32)   NOT NULL,
    model_ref       VARCHAR(1024) NOT NULL,
    schedule        VARCHAR(256)  NOT NULL,
    time_zone       VARCHAR(64)   NOT NULL,
    spec            TEXT          NOT NULL,
    catch_up        VARCHAR(16)   NOT NULL,
    max_retries     INTEGER       NOT NULL,
    timeout_seconds INTEGER       NOT NULL,
    paused          INTEGER       NOT NULL,
    created_by      VARCHAR(128)  NOT NULL,
    created_at      VARCHAR(30)   NOT NULL,
    next_time       VARCHAR(30)
);
CREATE TABLE job_runs (
    job_name        VARCHAR(64)   NOT NULL REFERENCES jobs (name) ON DELETE CASCADE,
    logical_time    VARCHAR(30)   NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    attempt         INTEGER       NOT NULL,
    trigger_kind    VARCHAR(16)   NOT NULL,
    owner           VARCHAR(128),
    queued_at       VARCHAR(30)   NOT NULL,
    started_at      VARCHAR(30),
    ended_at        VARCHAR(30),
    retry_at        VARCHAR(30),
    outputs         TEXT          NOT NULL,
    message         TEXT          NOT NULL,
    log_tail        TEXT          NOT NULL,
    PRIMARY KEY (job_name, logical_time)
);
CREATE INDEX job_runs_by_status ON job_runs (status);
