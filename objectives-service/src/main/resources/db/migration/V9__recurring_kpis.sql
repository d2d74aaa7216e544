-- A recurring KPI (kpi-service's periods) starts each period again: a key result linked to one starts a new cycle from
-- the period's baseline when the KPI accumulates (SUM, COUNT), and follows only the periods that overlap its cycle.
ALTER TABLE kpi_snapshot ADD COLUMN period_every TEXT;
ALTER TABLE kpi_snapshot ADD COLUMN aggregation TEXT;
ALTER TABLE kpi_snapshot ADD COLUMN period_start DATE;
ALTER TABLE kpi_snapshot ADD COLUMN period_end DATE;
