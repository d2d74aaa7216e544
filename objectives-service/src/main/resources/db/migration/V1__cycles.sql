-- Cycles: the named periods objectives belong to (2026-Q4, FY2026).
CREATE TABLE cycle (
    id              UUID        PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    name            TEXT        NOT NULL,
    start_date      DATE        NOT NULL,
    end_date        DATE        NOT NULL,
    status          TEXT        NOT NULL,
    closed_at       TIMESTAMPTZ,
    version         BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT cycle_dates CHECK (start_date < end_date)
);

-- names are unique per organisation, whatever their case
CREATE UNIQUE INDEX cycle_name_per_org ON cycle (organisation_id, lower(name));
CREATE INDEX cycle_listing ON cycle (organisation_id, created_at, id);
