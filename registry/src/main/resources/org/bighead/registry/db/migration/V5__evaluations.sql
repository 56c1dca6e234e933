-- What evaluate jobs measured: a version's metrics on new labelled data, one row per job run (a retried run
-- records once). Times are RFC 3339 UTC text like the rest of the schema.
CREATE TABLE evaluations (
    model         VARCHAR(64)   NOT NULL,
    version       INTEGER       NOT NULL,
    job_name      VARCHAR(64)   NOT NULL,
    logical_time  VARCHAR(30)   NOT NULL,
    evaluated_at  VARCHAR(30)   NOT NULL,
    input         TEXT          NOT NULL,
    row_count     BIGINT        NOT NULL,
    metrics       TEXT          NOT NULL,
    alert         TEXT,
    PRIMARY KEY (model, version, job_name, logical_time)
);
