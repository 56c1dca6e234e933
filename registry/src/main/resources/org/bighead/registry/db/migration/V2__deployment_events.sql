-- Append-only history of deployments: every POST of a deployment adds one event in the same transaction
-- that updates the deployments row, so "what ran at this target, and when did it stop" has an answer.
-- seq is allocated per model under the model's write lock (as alias_moves.seq); the key is the backstop.
CREATE TABLE deployment_events (
    model      VARCHAR(64)   NOT NULL REFERENCES models (name),
    seq        INTEGER       NOT NULL,
    version    INTEGER       NOT NULL,
    alias      VARCHAR(32),
    target     VARCHAR(1024) NOT NULL,
    kind       VARCHAR(64)   NOT NULL,
    status     VARCHAR(64)   NOT NULL,
    created_by VARCHAR(128)  NOT NULL,
    recorded_at VARCHAR(30)   NOT NULL,
    PRIMARY KEY (model, seq),
    FOREIGN KEY (model, version) REFERENCES versions (model, version)
);
CREATE INDEX deployment_events_by_target ON deployment_events (model, target, seq);
