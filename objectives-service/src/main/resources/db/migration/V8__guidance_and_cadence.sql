-- The guidance an organisation gives its objectives (how many key results it advises) and how often its key
-- results are checked in on by default; a key result may have its own cadence (null: the organisation's).
ALTER TABLE okr_settings ADD COLUMN min_key_results INT NOT NULL DEFAULT 3;
ALTER TABLE okr_settings ADD COLUMN max_key_results INT NOT NULL DEFAULT 5;
ALTER TABLE okr_settings ADD COLUMN check_in_cadence TEXT NOT NULL DEFAULT 'WEEKLY';
ALTER TABLE key_result ADD COLUMN cadence TEXT;

-- A unit's check-ins due (and its dashboard) include its sub-units: the unit's parent, from alignment-service's
-- events. Units known before this column learn their parent with their next event.
ALTER TABLE org_unit ADD COLUMN parent_id UUID;
CREATE INDEX org_unit_by_parent ON org_unit (parent_id);
