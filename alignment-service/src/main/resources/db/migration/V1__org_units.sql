-- Org units: the organisation's structure, a tree per organisation (company → departments → teams).
CREATE TABLE org_unit (
    id              UUID        PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    parent_id       UUID        REFERENCES org_unit (id),
    type            TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    lead_id         TEXT,
    archived_at     TIMESTAMPTZ,
    version         BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT org_unit_company_is_root CHECK ((type = 'COMPANY') = (parent_id IS NULL))
);

-- one company per organisation
CREATE UNIQUE INDEX org_unit_one_company ON org_unit (organisation_id) WHERE type = 'COMPANY';
CREATE INDEX org_unit_children ON org_unit (organisation_id, parent_id);
CREATE INDEX org_unit_listing ON org_unit (organisation_id, created_at, id);
