-- What a KPI's ETag names: the revision of its definition. Measurements change its value, status and row version
-- (which orders its events) but not its revision, so an edit made on what was read still applies after a CRM's
-- pushes. Existing ETags stay valid: revisions start at the version.
alter table kpi add column revision bigint not null default 0;
update kpi set revision = version;
