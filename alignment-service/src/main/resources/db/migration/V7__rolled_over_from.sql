-- An objective carried into another cycle (objectives-service's roll-over) names its original: when the copy
-- arrives, it is aligned as the original was (under the copy of a parent that was rolled over too, else under the
-- parent itself) and takes over the original's KPI attachments.
ALTER TABLE objective_node ADD COLUMN rolled_over_from UUID;
CREATE INDEX objective_node_rolled_over_from ON objective_node (rolled_over_from) WHERE rolled_over_from IS NOT NULL;
