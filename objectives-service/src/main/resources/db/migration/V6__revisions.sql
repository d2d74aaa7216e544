-- What an ETag names: the revision of what a client can edit. A KPI value, a roll-up or the passage of time changes
-- an objective's progress and health (and its row's version, which orders its events) but not its revision, so a
-- client's edit made on what it read still applies. Existing ETags stay valid: revisions start at the version.
alter table objective add column revision bigint not null default 0;
update objective set revision = version;
alter table key_result add column revision bigint not null default 0;
update key_result set revision = version;
