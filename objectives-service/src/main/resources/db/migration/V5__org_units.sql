-- What objectives-service knows of org units, from alignment-service's events on okr.alignment.v1: which units
-- each organisation has and who belongs to them, so that an objective's owner is a real unit of the caller's
-- organisation and only its members (or an admin) give it objectives. Newer versions replace older ones.
CREATE TABLE org_unit (
    id              UUID    PRIMARY KEY,
    organisation_id UUID    NOT NULL,
    name            TEXT    NOT NULL,
    lead_id         TEXT,
    members         TEXT[]  NOT NULL DEFAULT '{}',
    archived        BOOLEAN NOT NULL,
    version         BIGINT  NOT NULL
);

CREATE INDEX org_unit_by_organisation ON org_unit (organisation_id);
