-- The version of an objective's set of parent links: PUT …/parents names it in If-Match, so two people
-- re-aligning the same objective at once cannot overwrite each other unknowingly.
ALTER TABLE objective_node ADD COLUMN parents_version BIGINT NOT NULL DEFAULT 0;
