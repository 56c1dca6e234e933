-- The registry's schema. One script for SQLite and PostgreSQL: only types and syntax both accept.
-- Instants are ISO-8601 UTC text with exactly three fraction digits, so text order is time order on both.
-- JSON documents (schemas, params, metrics, tags, lineage) are TEXT: the server reads them whole.

CREATE TABLE models (
    name        VARCHAR(64)  NOT NULL PRIMARY KEY,
    description TEXT         NOT NULL,
    created_at  VARCHAR(30)  NOT NULL,
    created_by  VARCHAR(128) NOT NULL
);

-- Version numbers are allocated 1, 2, 3… per model inside a write transaction that holds the model
-- (SQLite: BEGIN IMMEDIATE; PostgreSQL: SELECT … FOR UPDATE on the model row); the key is the backstop.
CREATE TABLE versions (
    model        VARCHAR(64)  NOT NULL REFERENCES models (name),
    version      INTEGER      NOT NULL,
    created_at   VARCHAR(30)  NOT NULL,
    created_by   VARCHAR(128) NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    size_bytes   BIGINT       NOT NULL,
    description  TEXT         NOT NULL,
    task         VARCHAR(32)  NOT NULL,
    target       VARCHAR(256) NOT NULL,
    input_schema TEXT         NOT NULL,
    params       TEXT         NOT NULL,
    metrics      TEXT         NOT NULL,
    tags         TEXT         NOT NULL,
    lineage      TEXT         NOT NULL,
    graph_svg    TEXT         NOT NULL,
    CONSTRAINT versions_model_version_unique UNIQUE (model, version)
);

-- Where each alias points now; alias_moves is its append-only history. Both change in one transaction.
CREATE TABLE aliases (
    model   VARCHAR(64) NOT NULL,
    alias   VARCHAR(32) NOT NULL,
    version INTEGER     NOT NULL,
    PRIMARY KEY (model, alias),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

CREATE TABLE alias_moves (
    model        VARCHAR(64)  NOT NULL REFERENCES models (name),
    seq          INTEGER      NOT NULL,
    alias        VARCHAR(32)  NOT NULL,
    from_version INTEGER,
    to_version   INTEGER,
    moved_by     VARCHAR(128) NOT NULL,
    moved_at     VARCHAR(30)  NOT NULL,
    reason       TEXT         NOT NULL,
    PRIMARY KEY (model, seq)
);
CREATE INDEX alias_moves_by_alias ON alias_moves (model, alias, seq);

-- One row per model and target: recording the same target again updates it.
CREATE TABLE deployments (
    id         VARCHAR(40)   NOT NULL PRIMARY KEY,
    model      VARCHAR(64)   NOT NULL,
    version    INTEGER       NOT NULL,
    alias      VARCHAR(32),
    target     VARCHAR(1024) NOT NULL,
    kind       VARCHAR(64)   NOT NULL,
    status     VARCHAR(64)   NOT NULL,
    created_by VARCHAR(128)  NOT NULL,
    updated_at VARCHAR(30)   NOT NULL,
    UNIQUE (model, target),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);

-- Tokens are kept only as SHA-256 hex: a leaked database does not leak tokens.
CREATE TABLE tokens (
    token_sha256 CHAR(64)     NOT NULL PRIMARY KEY,
    user_name    VARCHAR(128) NOT NULL,
    scope        VARCHAR(8)   NOT NULL,
    created_at   VARCHAR(30)  NOT NULL
);
