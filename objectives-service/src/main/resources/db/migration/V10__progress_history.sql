-- History (#18). A check-in may be dated in the past ("I forgot to check in on Friday"): checked_in_at is the moment it
-- speaks for, created_at when it was recorded. Until now they were the same.
ALTER TABLE check_in ADD COLUMN checked_in_at TIMESTAMPTZ;
UPDATE check_in SET checked_in_at = created_at;
ALTER TABLE check_in ALTER COLUMN checked_in_at SET NOT NULL;
-- during a rolling update the previous release still inserts check-ins without it: they speak for the moment they are written
ALTER TABLE check_in ALTER COLUMN checked_in_at SET DEFAULT now();
DROP INDEX check_in_history;
CREATE INDEX check_in_history ON check_in (key_result_id, checked_in_at, id);

-- Every key result's and objective's progress over time: one row each time it changed, stamped with the moment the
-- new state became true (a check-in's date, the observation time of a KPI's value; otherwise when it was recorded).
-- key_result_id is null for a row about the objective itself (its roll-up, health, score). A series is read from here.
CREATE TABLE progress_point (
    id              UUID             PRIMARY KEY,
    organisation_id UUID             NOT NULL,
    objective_id    UUID             NOT NULL REFERENCES objective (id),
    key_result_id   UUID             REFERENCES key_result (id),
    at              TIMESTAMPTZ      NOT NULL,
    recorded_at     TIMESTAMPTZ      NOT NULL,
    -- what recorded it: the objective event's type (dev.okr.objective.checked-in, ...)
    source          TEXT             NOT NULL,
    progress        DOUBLE PRECISION NOT NULL,
    value           DOUBLE PRECISION,
    confidence      INT,
    health          TEXT,
    score           DOUBLE PRECISION
);

CREATE INDEX progress_point_by_objective ON progress_point (objective_id, at);
CREATE INDEX progress_point_by_key_result ON progress_point (key_result_id, at) WHERE key_result_id IS NOT NULL;

-- what was recorded before: the check-ins (each held its key result's progress after it)
INSERT INTO progress_point (id, organisation_id, objective_id, key_result_id, at, recorded_at, source, progress, value, confidence)
SELECT id, organisation_id, objective_id, key_result_id, created_at, created_at, 'dev.okr.objective.checked-in', progress, value,
       confidence
FROM check_in;
