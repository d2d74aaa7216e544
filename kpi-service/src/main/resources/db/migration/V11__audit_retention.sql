-- How long each organisation keeps its audit entries (#18): the gateway sets it in the three services at once; without a
-- row, 400 days. The platform's AuditRetention purges older entries every hour.
CREATE TABLE audit_retention (
    organisation_id UUID        PRIMARY KEY,
    days            INTEGER     NOT NULL CHECK (days BETWEEN 1 AND 3650),
    updated_at      TIMESTAMPTZ NOT NULL
);

-- the purge of the organisations on the default reads the oldest entries first
CREATE INDEX audit_entry_by_age ON audit_entry (at);
