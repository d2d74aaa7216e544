-- The version of the last roll-up applied from okr.alignment.v1, so an older one arriving late is ignored.
ALTER TABLE objective ADD COLUMN rollup_version BIGINT NOT NULL DEFAULT 0;
