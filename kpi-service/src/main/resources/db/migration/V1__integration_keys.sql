-- Integration API keys: shown once at creation, stored as a SHA-256 hash, scoped to one organisation.
CREATE TABLE integration_key (
    id              UUID        PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    name            TEXT        NOT NULL,
    key_prefix      TEXT        NOT NULL,
    key_hash        TEXT        NOT NULL UNIQUE,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    revoked_at      TIMESTAMPTZ,
    version         BIGINT      NOT NULL
);

CREATE INDEX integration_key_listing ON integration_key (organisation_id, created_at, id);
