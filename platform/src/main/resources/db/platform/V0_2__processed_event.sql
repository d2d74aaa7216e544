-- Idempotent consumption (platform library): the ids of events a consumer has applied, written in the
-- same transaction as the effect, so a redelivered event is recognised and skipped.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

CREATE INDEX processed_event_age ON processed_event (processed_at);
