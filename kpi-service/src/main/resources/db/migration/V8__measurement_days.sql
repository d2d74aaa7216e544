-- A KPI's measurements that count, summed up per UTC day and value of its groupBy dimension. Every write of
-- a measurement keeps its day up to date in the same transaction (ingestion adds to it; a correction or a
-- withdrawal recounts that one day), so a KPI's value and series are read from at most one row per day and
-- dimension value, however many measurements lie beneath.
CREATE TABLE measurement_day (
    kpi_id          UUID             NOT NULL REFERENCES kpi (id),
    -- the measurements' dimension_value: null for a KPI that is not grouped
    dimension_value TEXT,
    -- midnight UTC
    day             TIMESTAMPTZ      NOT NULL,
    count           BIGINT           NOT NULL CHECK (count > 0),
    total           DOUBLE PRECISION NOT NULL,
    low             DOUBLE PRECISION NOT NULL,
    high            DOUBLE PRECISION NOT NULL,
    -- the latest measurement of the day, by observation time and then by id (the order LAST follows)
    last_value      DOUBLE PRECISION NOT NULL,
    last_at         TIMESTAMPTZ      NOT NULL,
    last_id         BIGINT           NOT NULL,
    CONSTRAINT measurement_day_key UNIQUE NULLS NOT DISTINCT (kpi_id, day, dimension_value)
);

INSERT INTO measurement_day (kpi_id, dimension_value, day, count, total, low, high, last_value, last_at, last_id)
SELECT kpi_id, dimension_value, date_trunc('day', observed_at, 'UTC'), count(*), sum(value), min(value), max(value),
       (array_agg(value ORDER BY observed_at DESC, id DESC))[1], max(observed_at),
       (array_agg(id ORDER BY observed_at DESC, id DESC))[1]
FROM measurement
WHERE withdrawn_at IS NULL
GROUP BY kpi_id, dimension_value, date_trunc('day', observed_at, 'UTC');
