-- A KPI_LINKED key result whose KPI has gone quiet (status NO_DATA) must not look healthy: the key result keeps
-- since when its KPI has had no data, and the KPI's name, so its health is capped at AT_RISK with a reason that
-- names the KPI. The snapshot keeps when the KPI was last measured, which is that "since".
ALTER TABLE kpi_snapshot ADD COLUMN last_measured_at TIMESTAMPTZ;
ALTER TABLE key_result ADD COLUMN kpi_name TEXT;
ALTER TABLE key_result ADD COLUMN kpi_stale_since TIMESTAMPTZ;

UPDATE kpi_snapshot s SET last_measured_at = (SELECT max(v.observed_at) FROM kpi_value v WHERE v.kpi_id = s.kpi_id);
UPDATE key_result k SET kpi_name = s.name,
    kpi_stale_since = CASE WHEN s.status = 'NO_DATA' THEN coalesce(s.last_measured_at, s.updated_at) END
FROM kpi_snapshot s WHERE s.kpi_id = k.kpi_id;
