-- Every pair of objectives one of which is aligned under the other, however many links apart, with the fewest
-- links between them (a closure of alignment_link). The links form a DAG, so an objective may be reached from
-- an ancestor along several paths: depth is the shortest. Kept by LinkService in the transaction that replaces
-- an objective's parents, under the organisation's alignment lock; read by the tree (what lies under an
-- objective down to some depth) and the orphans (what reaches no company objective) without walking the links.
CREATE TABLE alignment_reach (
    ancestor_id   UUID    NOT NULL REFERENCES objective_node (id),
    descendant_id UUID    NOT NULL REFERENCES objective_node (id),
    depth         INTEGER NOT NULL CHECK (depth > 0),
    PRIMARY KEY (ancestor_id, descendant_id)
);

-- what lies under an objective down to some depth, read from the index alone
CREATE INDEX alignment_reach_down ON alignment_reach (ancestor_id, depth, descendant_id);
CREATE INDEX alignment_reach_up ON alignment_reach (descendant_id);

INSERT INTO alignment_reach (ancestor_id, descendant_id, depth)
WITH RECURSIVE down(ancestor_id, descendant_id, depth) AS (
    SELECT parent_id, child_id, 1 FROM alignment_link
    UNION
    SELECT d.ancestor_id, l.child_id, d.depth + 1 FROM down d JOIN alignment_link l ON l.parent_id = d.descendant_id
)
SELECT ancestor_id, descendant_id, min(depth) FROM down GROUP BY ancestor_id, descendant_id;
