package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;

/**
 * What the audit trail keeps of an objective and its key results: what a person sets (titles, owner, targets, values,
 * weights, milestones, confidence), not what follows from it (progress, health). The entries of a change compare the
 * state before with the state after: the objective's own fields in one entry, each key result's in its own.
 */
final class AuditedState {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private AuditedState() {
    }

    /** The objective's fields (without its key results). */
    static ObjectNode objective(Objective o) {
        ObjectNode node = JSON.objectNode();
        node.put("title", o.title);
        node.put("description", o.description);
        ObjectNode owner = node.putObject("owner");
        owner.put("type", o.ownerType == null ? null : o.ownerType.name());
        owner.put("id", o.ownerId);
        node.put("kind", o.kind == null ? null : o.kind.name());
        node.put("status", o.status == null ? null : o.status.name());
        node.put("cycleId", string(o.cycleId));
        node.put("rolledOverFrom", string(o.rolledOverFrom));
        node.put("score", o.score);
        return node;
    }

    /** Each key result in use, by id. */
    static ObjectNode keyResults(ObjectiveState state) {
        ObjectNode all = JSON.objectNode();
        for (KeyResult kr : state.keyResults()) {
            all.set(kr.id.toString(), keyResult(kr, state.milestonesOf(kr)));
        }
        return all;
    }

    static ObjectNode keyResult(KeyResult kr, List<Milestone> milestones) {
        ObjectNode node = JSON.objectNode();
        node.put("title", kr.title);
        node.put("type", kr.type.name());
        node.put("unit", kr.unit);
        node.put("start", kr.startValue);
        node.put("target", kr.targetValue);
        node.put("current", kr.currentValue);
        if (kr.type == KeyResult.Type.BOOLEAN) {
            node.put("done", kr.done);
        }
        node.put("kpiId", string(kr.kpiId));
        node.put("weight", kr.weight);
        node.put("position", kr.position);
        node.put("cadence", kr.cadence == null ? null : kr.cadence.name());
        node.put("confidence", kr.latestConfidence);
        node.put("lastCheckInAt", kr.lastCheckInAt == null ? null : kr.lastCheckInAt.toString());
        if (kr.type == KeyResult.Type.MILESTONES) {
            ArrayNode list = node.putArray("milestones");
            for (Milestone m : milestones) {
                list.addObject().put("id", m.id.toString()).put("title", m.title).put("weight", m.weight).put("completed", m.completedAt != null);
            }
        }
        return node;
    }

    /**
     * The entries of one change: the objective's (created, or what the change's event type says) and each key result's
     * (created, removed, checked-in or updated) that differ between {@code before} and {@code after}.
     */
    static List<AuditTrail.Entry> entries(Actor actor, Objective o, Instant at, String type, ObjectNode objectiveBefore,
            ObjectNode keyResultsBefore, ObjectNode objectiveAfter, ObjectNode keyResultsAfter, ObjectNode extras) {
        List<AuditTrail.Entry> entries = new ArrayList<>();
        String id = o.id.toString();
        if (objectiveBefore == null) {
            ObjectNode created = objectiveAfter.deepCopy();
            created.set("keyResults", keyResultsAfter);
            entries.add(new AuditTrail.Entry(o.organisationId, at, actor, "objective.created", "objective", id, null, Diff.of(null, created)));
            return entries;
        }
        var own = Diff.of(objectiveBefore, objectiveAfter);
        if (!own.isEmpty()) {
            entries.add(new AuditTrail.Entry(o.organisationId, at, actor, "objective." + verb(type), "objective", id, null, own));
        }
        Set<String> ids = new LinkedHashSet<>();
        keyResultsBefore.fieldNames().forEachRemaining(ids::add);
        keyResultsAfter.fieldNames().forEachRemaining(ids::add);
        for (String kr : ids) {
            JsonNode before = keyResultsBefore.get(kr);
            JsonNode after = keyResultsAfter.get(kr);
            var changes = new ArrayList<>(Diff.of(before, after));
            JsonNode extra = extras.get(kr);
            if (extra != null) {
                extra.fields().forEachRemaining(f -> changes.add(new dev.okr.platform.audit.AuditChange(f.getKey(), null, f.getValue())));
            }
            if (changes.isEmpty()) {
                continue;
            }
            String action = before == null ? "key-result.created" : after == null ? "key-result.removed"
                    : ObjectiveChanged.CHECKED_IN.equals(type) && extra != null ? "key-result.checked-in" : "key-result.updated";
            entries.add(new AuditTrail.Entry(o.organisationId, at, actor, action, "key-result", kr, id, changes));
        }
        return entries;
    }

    /** dev.okr.objective.archived → archived. */
    static String verb(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String string(UUID id) {
        return id == null ? null : id.toString();
    }
}
