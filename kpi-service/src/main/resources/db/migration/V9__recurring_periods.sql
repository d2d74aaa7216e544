-- KPIs that go on across cycles: a recurring KPI is measured in periods (a month, a quarter or a year from an anchor
-- day); its time frame is its current period, which the status sweep moves on when it ends. Each period that ended
-- keeps its target, final value and status here, so the KPI's history reads period by period.
ALTER TABLE kpi ADD COLUMN period_every TEXT;
ALTER TABLE kpi ADD COLUMN period_anchor DATE;
ALTER TABLE kpi ADD CONSTRAINT kpi_period_whole CHECK ((period_every IS NULL) = (period_anchor IS NULL));

CREATE TABLE kpi_period (
    kpi_id             UUID             NOT NULL REFERENCES kpi (id),
    start_date         DATE             NOT NULL,
    end_date           DATE             NOT NULL,
    target_operator    TEXT             NOT NULL,
    target_value       DOUBLE PRECISION NOT NULL,
    target_upper_value DOUBLE PRECISION,
    baseline           DOUBLE PRECISION,
    value              DOUBLE PRECISION,
    status             TEXT             NOT NULL,
    status_reason      TEXT             NOT NULL,
    closed_at          TIMESTAMPTZ      NOT NULL,
    PRIMARY KEY (kpi_id, start_date)
);

-- the sweep looks for recurring KPIs whose period has ended
CREATE INDEX kpi_recurring_due ON kpi (timeframe_end) WHERE period_every IS NOT NULL AND archived_at IS NULL;
