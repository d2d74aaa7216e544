-- What the alignment looked like at any moment (#18): each objective's state as this service held it (status, health,
-- own progress, roll-up) from the moment it became true, and each link while it existed. Kept by triggers on the two
-- tables every write path goes through, so that no path can forget them.

-- when the objective's current state became true (an objective event's effectiveAt, a roll-up's cause)
ALTER TABLE objective_node ADD COLUMN effective_at TIMESTAMPTZ;
UPDATE objective_node SET effective_at = updated_at;

CREATE TABLE objective_node_point (
    objective_id UUID             NOT NULL,
    at           TIMESTAMPTZ      NOT NULL,
    seq          BIGSERIAL        NOT NULL,
    status       TEXT             NOT NULL,
    health       TEXT,
    own_progress DOUBLE PRECISION,
    rollup       DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (objective_id, at, seq)
);

-- a state dated before the objective's latest point (a check-in dated in the past) holds from then until that point,
-- and is the current state again from now: so a second point, now, keeps the latest point the current state. An
-- objective has one point per moment, its last state then (a transaction that changes its progress, then its roll-up,
-- leaves one).
CREATE FUNCTION objective_node_point() RETURNS trigger AS $$
DECLARE
    latest TIMESTAMPTZ;
    dated  TIMESTAMPTZ := coalesce(NEW.effective_at, now());
    again  TIMESTAMPTZ;
BEGIN
    SELECT max(at) INTO latest FROM objective_node_point WHERE objective_id = NEW.id;
    DELETE FROM objective_node_point WHERE objective_id = NEW.id AND at = dated;
    INSERT INTO objective_node_point (objective_id, at, status, health, own_progress, rollup)
    VALUES (NEW.id, dated, NEW.status, NEW.health, NEW.own_progress, NEW.rollup);
    IF latest IS NOT NULL AND dated < latest THEN
        again := greatest(now(), latest);
        DELETE FROM objective_node_point WHERE objective_id = NEW.id AND at = again;
        INSERT INTO objective_node_point (objective_id, at, status, health, own_progress, rollup)
        VALUES (NEW.id, again, NEW.status, NEW.health, NEW.own_progress, NEW.rollup);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER objective_node_inserted AFTER INSERT ON objective_node
    FOR EACH ROW EXECUTE FUNCTION objective_node_point();
CREATE TRIGGER objective_node_changed AFTER UPDATE ON objective_node
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.health IS DISTINCT FROM NEW.health
        OR OLD.own_progress IS DISTINCT FROM NEW.own_progress OR OLD.rollup IS DISTINCT FROM NEW.rollup)
    EXECUTE FUNCTION objective_node_point();

-- what was known before this history: each objective's state as it is, from its last change or its first link, whichever
-- is earlier (the history of alignment begins with this migration)
INSERT INTO objective_node_point (objective_id, at, status, health, own_progress, rollup)
SELECT n.id, least(n.updated_at, (SELECT min(l.created_at) FROM alignment_link l WHERE l.child_id = n.id OR l.parent_id = n.id)),
       n.status, n.health, n.own_progress, n.rollup
FROM objective_node n;

-- a link from when it was made until it was removed (open: it still exists); a change of weight ends one span and
-- begins the next
CREATE TABLE alignment_link_span (
    seq             BIGSERIAL        PRIMARY KEY,
    child_id        UUID             NOT NULL,
    parent_id       UUID             NOT NULL,
    organisation_id UUID             NOT NULL,
    weight          DOUBLE PRECISION NOT NULL,
    valid_from      TIMESTAMPTZ      NOT NULL,
    valid_until     TIMESTAMPTZ
);

CREATE INDEX alignment_link_span_by_parent ON alignment_link_span (parent_id, valid_from);
CREATE INDEX alignment_link_span_by_child ON alignment_link_span (child_id, valid_from);

CREATE FUNCTION alignment_link_span() RETURNS trigger AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE alignment_link_span SET valid_until = now()
        WHERE child_id = OLD.child_id AND parent_id = OLD.parent_id AND valid_until IS NULL;
    END IF;
    -- a new link holds from when it was made (the moment the roll-ups it moves are dated by), a new weight from now
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO alignment_link_span (child_id, parent_id, organisation_id, weight, valid_from)
        VALUES (NEW.child_id, NEW.parent_id, NEW.organisation_id, NEW.weight, CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE now() END);
    END IF;
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER alignment_link_made AFTER INSERT OR DELETE ON alignment_link
    FOR EACH ROW EXECUTE FUNCTION alignment_link_span();
CREATE TRIGGER alignment_link_weighed AFTER UPDATE ON alignment_link
    FOR EACH ROW WHEN (OLD.weight IS DISTINCT FROM NEW.weight) EXECUTE FUNCTION alignment_link_span();

INSERT INTO alignment_link_span (child_id, parent_id, organisation_id, weight, valid_from)
SELECT child_id, parent_id, organisation_id, weight, created_at FROM alignment_link;
