-- KPI definitions (all four components: target, time frame, data source, frequency) and their computed state.
CREATE TABLE kpi (
    id                 UUID             PRIMARY KEY,
    organisation_id    UUID             NOT NULL,
    key                TEXT             NOT NULL,
    name               TEXT             NOT NULL,
    description        TEXT,
    unit               TEXT,
    target_operator    TEXT             NOT NULL,
    target_value       DOUBLE PRECISION NOT NULL,
    target_upper_value DOUBLE PRECISION,
    baseline           DOUBLE PRECISION,
    timeframe_start    DATE             NOT NULL,
    timeframe_end      DATE             NOT NULL,
    source_type        TEXT             NOT NULL,
    source_system      TEXT,
    formula            TEXT,
    frequency          TEXT             NOT NULL,
    aggregation        TEXT             NOT NULL,
    group_by           TEXT,
    at_risk_band       DOUBLE PRECISION NOT NULL,
    owner_id           TEXT,
    current_value      DOUBLE PRECISION,
    status             TEXT             NOT NULL,
    status_reason      TEXT,
    last_measured_at   TIMESTAMPTZ,
    archived_at        TIMESTAMPTZ,
    version            BIGINT           NOT NULL,
    created_at         TIMESTAMPTZ      NOT NULL,
    updated_at         TIMESTAMPTZ      NOT NULL,
    CONSTRAINT kpi_timeframe CHECK (timeframe_start < timeframe_end)
);

CREATE UNIQUE INDEX kpi_key_per_org ON kpi (organisation_id, key);
CREATE INDEX kpi_listing ON kpi (organisation_id, created_at, id);

CREATE TABLE kpi_tag (
    kpi_id UUID NOT NULL REFERENCES kpi (id),
    tag    TEXT NOT NULL,
    PRIMARY KEY (kpi_id, tag)
);

CREATE INDEX kpi_tag_by_tag ON kpi_tag (tag, kpi_id);

-- A grouped KPI's state per value of its dimension ("ROI per project"); its overall status is the worst.
CREATE TABLE kpi_dimension_status (
    kpi_id           UUID             NOT NULL REFERENCES kpi (id),
    dimension_value  TEXT             NOT NULL,
    current_value    DOUBLE PRECISION,
    status           TEXT             NOT NULL,
    status_reason    TEXT,
    last_measured_at TIMESTAMPTZ,
    PRIMARY KEY (kpi_id, dimension_value)
);

-- Every change of a KPI's status, for its status history.
CREATE TABLE kpi_status_change (
    id         BIGSERIAL        PRIMARY KEY,
    kpi_id     UUID             NOT NULL REFERENCES kpi (id),
    status     TEXT             NOT NULL,
    reason     TEXT,
    value      DOUBLE PRECISION,
    changed_at TIMESTAMPTZ      NOT NULL
);

CREATE INDEX kpi_status_history ON kpi_status_change (kpi_id, changed_at);

-- Measurements: the time series, indexed for (kpi, observed_at) range scans.
CREATE TABLE measurement (
    id              BIGSERIAL        PRIMARY KEY,
    kpi_id          UUID             NOT NULL REFERENCES kpi (id),
    observed_at     TIMESTAMPTZ      NOT NULL,
    value           DOUBLE PRECISION NOT NULL,
    dimensions      JSONB,
    -- the value of the KPI's groupBy dimension, extracted at ingestion for grouping in SQL
    dimension_value TEXT,
    source          TEXT             NOT NULL,
    external_id     TEXT,
    received_at     TIMESTAMPTZ      NOT NULL,
    -- arrived after the tracking period it belongs to had passed
    late            BOOLEAN          NOT NULL DEFAULT false,
    withdrawn_at    TIMESTAMPTZ
);

CREATE UNIQUE INDEX measurement_external_id ON measurement (kpi_id, external_id) WHERE external_id IS NOT NULL;
CREATE INDEX measurement_series ON measurement (kpi_id, observed_at);
