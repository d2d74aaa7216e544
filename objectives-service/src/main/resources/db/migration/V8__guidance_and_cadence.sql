-- The guidance an organisation gives its objectives (how many key results it advises) and how often its key
-- results are checked in on by default; a key result may have its own cadence (null: the organisation's).
ALTER TABLE okr_settings ADD COLUMN min_key_results INT NOT NULL DEFAULT 3;
ALTER TABLE okr_settings ADD COLUMN max_key_results INT NOT NULL DEFAULT 5;
ALTER TABLE okr_settings ADD COLUMN check_in_cadence TEXT NOT NULL DEFAULT 'WEEKLY';
ALTER TABLE key_result ADD COLUMN cadence TEXT;

-- A unit's check-ins due and its list of objectives include its sub-units (and a COMPANY unit the company's
-- objectives): each unit's parent and type, from alignment-service's events. Units known before these columns
-- learn them with their next event.
ALTER TABLE org_unit ADD COLUMN parent_id UUID;
ALTER TABLE org_unit ADD COLUMN unit_type TEXT;
CREATE INDEX org_unit_by_parent ON org_unit (parent_id);

-- An objective answers what it was carried into (rolledOverTo), read through the copies' rolled_over_from.
CREATE INDEX objective_rolled_over_from ON objective (rolled_over_from) WHERE rolled_over_from IS NOT NULL;
