-- From now on the API takes numbers within ±1e15 only: beyond that PostgreSQL's sums and averages of
-- float8 overflow (SQLState 22003) and the KPI could no longer be recomputed. Values stored before the
-- bound existed are withdrawn — kept in the measurement history, no longer counted.
UPDATE measurement SET withdrawn_at = now() WHERE withdrawn_at IS NULL AND abs(value) > 1e15;
