-- Environments users derived from a base (`bighead env create NAME --from BASE …`): who made one, from what, its
-- spec (the EnvironmentSpec as JSON, kept whole as the client sent it) and, once built, its image. The team's base
-- environments live in the repository's catalog, not here, so from_env is not a key of this table; a derived
-- environment that is the base of another one cannot be deleted (the API checks that in the deleting transaction).
CREATE TABLE environments (
    name            VARCHAR(64)   NOT NULL PRIMARY KEY,
    from_env        VARCHAR(64)   NOT NULL,
    description     TEXT          NOT NULL,
    spec            TEXT          NOT NULL,
    spec_hash       VARCHAR(256),
    image           VARCHAR(1024),
    image_digest    VARCHAR(256),
    created_by      VARCHAR(128)  NOT NULL,
    created_at      VARCHAR(30)   NOT NULL,
    built_at        VARCHAR(30),
    bighead_version VARCHAR(64)
);
CREATE INDEX environments_by_from ON environments (from_env);
