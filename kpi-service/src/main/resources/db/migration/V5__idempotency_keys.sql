-- Idempotency-Key on ingestion requests: a retried request answers what the first one answered.
CREATE TABLE idempotency_key (
    organisation_id UUID        NOT NULL,
    key             TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    response        TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, key)
);

CREATE INDEX idempotency_key_age ON idempotency_key (created_at);
