-- Objectives, their key results (with milestones) and the check-ins that are each key result's history.
CREATE TABLE objective (
    id                UUID             PRIMARY KEY,
    organisation_id   UUID             NOT NULL,
    cycle_id          UUID             NOT NULL REFERENCES cycle (id),
    title             TEXT             NOT NULL,
    description       TEXT,
    owner_type        TEXT             NOT NULL,
    owner_id          TEXT             NOT NULL,
    kind              TEXT             NOT NULL,
    status            TEXT             NOT NULL,
    -- weighted progress of the key results; null while there are none (then the roll-up counts)
    progress          DOUBLE PRECISION,
    -- the health when the objective last changed or the sweep last looked: what list filters use
    health            TEXT             NOT NULL,
    score             DOUBLE PRECISION,
    rollup_progress   DOUBLE PRECISION,
    rolled_over_from  UUID             REFERENCES objective (id),
    version           BIGINT           NOT NULL,
    created_at        TIMESTAMPTZ      NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL,
    closed_at         TIMESTAMPTZ
);

CREATE INDEX objective_listing ON objective (organisation_id, created_at, id);
CREATE INDEX objective_by_cycle ON objective (organisation_id, cycle_id, created_at, id);
CREATE INDEX objective_by_owner ON objective (organisation_id, owner_type, owner_id);

CREATE TABLE key_result (
    id                UUID             PRIMARY KEY,
    objective_id      UUID             NOT NULL REFERENCES objective (id),
    organisation_id   UUID             NOT NULL,
    position          INT              NOT NULL,
    title             TEXT             NOT NULL,
    type              TEXT             NOT NULL,
    unit              TEXT,
    start_value       DOUBLE PRECISION,
    target_value      DOUBLE PRECISION,
    current_value     DOUBLE PRECISION,
    done              BOOLEAN          NOT NULL DEFAULT false,
    kpi_id            UUID,
    -- for a KPI_LINKED key result: what "met" means when its target equals its start (the KPI's operator)
    direction         TEXT,
    weight            DOUBLE PRECISION NOT NULL,
    latest_confidence INT,
    last_check_in_at  TIMESTAMPTZ,
    removed_at        TIMESTAMPTZ,
    version           BIGINT           NOT NULL,
    created_at        TIMESTAMPTZ      NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL,
    CONSTRAINT key_result_weight CHECK (weight > 0)
);

CREATE INDEX key_result_by_objective ON key_result (objective_id, position);
CREATE INDEX key_result_by_kpi ON key_result (kpi_id) WHERE kpi_id IS NOT NULL AND removed_at IS NULL;

CREATE TABLE milestone (
    id              UUID             PRIMARY KEY,
    key_result_id   UUID             NOT NULL REFERENCES key_result (id),
    position        INT              NOT NULL,
    title           TEXT             NOT NULL,
    weight          DOUBLE PRECISION NOT NULL,
    completed_at    TIMESTAMPTZ,
    CONSTRAINT milestone_weight CHECK (weight > 0)
);

CREATE INDEX milestone_by_key_result ON milestone (key_result_id, position);

CREATE TABLE check_in (
    id                   UUID             PRIMARY KEY,
    key_result_id        UUID             NOT NULL REFERENCES key_result (id),
    objective_id         UUID             NOT NULL REFERENCES objective (id),
    organisation_id      UUID             NOT NULL,
    value                DOUBLE PRECISION,
    done                 BOOLEAN,
    -- the ids of the milestones complete after this check-in, comma-separated
    completed_milestones TEXT,
    progress             DOUBLE PRECISION NOT NULL,
    confidence           INT              NOT NULL,
    note                 TEXT,
    author               TEXT             NOT NULL,
    created_at           TIMESTAMPTZ      NOT NULL,
    CONSTRAINT check_in_confidence CHECK (confidence BETWEEN 0 AND 10)
);

CREATE INDEX check_in_history ON check_in (key_result_id, created_at, id);

-- What this service knows of kpi-service's KPIs, from okr.kpis.v1: enough to link key results to them.
CREATE TABLE kpi_snapshot (
    kpi_id           UUID             PRIMARY KEY,
    organisation_id  UUID             NOT NULL,
    key              TEXT             NOT NULL,
    name             TEXT             NOT NULL,
    unit             TEXT,
    operator         TEXT             NOT NULL,
    target_value     DOUBLE PRECISION NOT NULL,
    baseline         DOUBLE PRECISION,
    current_value    DOUBLE PRECISION,
    status           TEXT,
    archived         BOOLEAN          NOT NULL,
    version          BIGINT           NOT NULL,
    updated_at       TIMESTAMPTZ      NOT NULL
);

-- The KPI's value over time, so a key result linked later can start from the value at its cycle's start.
CREATE TABLE kpi_value (
    kpi_id       UUID             NOT NULL,
    observed_at  TIMESTAMPTZ      NOT NULL,
    value        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (kpi_id, observed_at)
);
