-- The audit trail (#18): each change a person or an integration makes, written in the same transaction as the change
-- (platform's AuditTrail). Read newest first, by organisation, and by resource or actor.
CREATE TABLE audit_entry (
    id              UUID        PRIMARY KEY,
    organisation_id UUID        NOT NULL,
    at              TIMESTAMPTZ NOT NULL,
    -- PERSON (actor_id: their subject) or INTEGRATION (actor_id: its key's id, actor_name: its name)
    actor_type      TEXT        NOT NULL,
    actor_id        TEXT        NOT NULL,
    actor_name      TEXT        NOT NULL,
    actor_role      TEXT        NOT NULL,
    -- <resource type>.<what happened>: objective.updated, key-result.checked-in, kpi.created, ...
    action          TEXT        NOT NULL,
    resource_type   TEXT        NOT NULL,
    resource_id     TEXT        NOT NULL,
    -- what the resource belongs to (a key result's objective), so reading the parent finds it too
    parent_id       TEXT,
    -- [{"field": "target", "before": 100, "after": 120}, ...]
    changes         JSONB       NOT NULL,
    request_id      TEXT
);

CREATE INDEX audit_entry_by_time ON audit_entry (organisation_id, at DESC, id DESC);
CREATE INDEX audit_entry_by_resource ON audit_entry (organisation_id, resource_id, at DESC);
CREATE INDEX audit_entry_by_parent ON audit_entry (organisation_id, parent_id, at DESC) WHERE parent_id IS NOT NULL;
CREATE INDEX audit_entry_by_actor ON audit_entry (organisation_id, actor_id, at DESC);
