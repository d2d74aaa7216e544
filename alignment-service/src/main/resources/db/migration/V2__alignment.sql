-- What this service knows of objectives (from okr.objectives.v1), the alignment links between them, and
-- each objective's roll-up.
CREATE TABLE objective_node (
    id                UUID             PRIMARY KEY,
    organisation_id   UUID             NOT NULL,
    cycle_id          UUID             NOT NULL,
    title             TEXT             NOT NULL,
    owner_type        TEXT             NOT NULL,
    owner_id          TEXT             NOT NULL,
    status            TEXT             NOT NULL,
    health            TEXT,
    -- progress from the objective's own key results; null when it has none (then it is left out of its roll-up)
    own_progress      DOUBLE PRECISION,
    rollup            DOUBLE PRECISION NOT NULL DEFAULT 0,
    rollup_version    BIGINT           NOT NULL DEFAULT 0,
    -- the version of the last objective event applied: older ones are ignored
    version           BIGINT           NOT NULL,
    updated_at        TIMESTAMPTZ      NOT NULL
);

CREATE INDEX objective_node_by_org ON objective_node (organisation_id, cycle_id);

CREATE TABLE alignment_link (
    child_id        UUID             NOT NULL REFERENCES objective_node (id),
    parent_id       UUID             NOT NULL REFERENCES objective_node (id),
    organisation_id UUID             NOT NULL,
    weight          DOUBLE PRECISION NOT NULL,
    created_at      TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (child_id, parent_id),
    CONSTRAINT alignment_link_weight CHECK (weight > 0),
    CONSTRAINT alignment_link_not_self CHECK (child_id <> parent_id)
);

CREATE INDEX alignment_link_by_parent ON alignment_link (parent_id);
