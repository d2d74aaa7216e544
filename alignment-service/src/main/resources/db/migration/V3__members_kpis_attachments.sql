-- The people of each org unit (user ids from tokens).
CREATE TABLE org_unit_member (
    unit_id         UUID        NOT NULL REFERENCES org_unit (id),
    user_id         TEXT        NOT NULL,
    organisation_id UUID        NOT NULL,
    added_at        TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (unit_id, user_id)
);

CREATE INDEX org_unit_member_by_user ON org_unit_member (organisation_id, user_id);

-- What this service knows of KPIs (from okr.kpis.v1), to show their status where they are attached.
CREATE TABLE kpi_node (
    id              UUID             PRIMARY KEY,
    organisation_id UUID             NOT NULL,
    key             TEXT             NOT NULL,
    name            TEXT             NOT NULL,
    unit            TEXT,
    current_value   DOUBLE PRECISION,
    status          TEXT,
    archived        BOOLEAN          NOT NULL,
    version         BIGINT           NOT NULL
);

-- A KPI attached to an objective or an org unit as a health metric to watch.
CREATE TABLE kpi_attachment (
    id              UUID        PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    kpi_id          UUID        NOT NULL REFERENCES kpi_node (id),
    objective_id    UUID        REFERENCES objective_node (id),
    unit_id         UUID        REFERENCES org_unit (id),
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT kpi_attachment_one_target CHECK ((objective_id IS NULL) <> (unit_id IS NULL))
);

CREATE UNIQUE INDEX kpi_attachment_unique ON kpi_attachment (kpi_id, coalesce(objective_id, unit_id));
CREATE INDEX kpi_attachment_by_objective ON kpi_attachment (objective_id) WHERE objective_id IS NOT NULL;
CREATE INDEX kpi_attachment_by_unit ON kpi_attachment (unit_id) WHERE unit_id IS NOT NULL;
