package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.Objects;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.scoring.Health;

/**
 * The objective as its events on okr.objectives.v1 carry it: the view after the change, with what consumers key on, and
 * the row's version (which counts every change, so consumers can order them), where the view shows the revision.
 */
final class ObjectiveEvents {

    private ObjectiveEvents() {
    }

    static ObjectiveChanged of(ObjectiveView v, Objective o, Health previousHealth, Instant effectiveAt) {
        var keyResults = v.keyResults().stream().map(kr -> new ObjectiveChanged.KeyResult(kr.id(), kr.objectiveId(), kr.title(),
                kr.type().name(), kr.unit(), kr.start(), kr.target(), kr.current(), kr.current(), kr.done(), kr.milestones() == null ? null
                        : kr.milestones().stream().map(m -> new ObjectiveChanged.Milestone(m.id(), m.title(), m.weight(), m.completed(),
                                m.completedAt())).toList(),
                kr.kpiId(), kr.weight(), kr.position(), kr.progress(), kr.health().name(), kr.healthReason(), kr.confidence(),
                kr.lastCheckInAt(), kr.version(), kr.cadence().name(), kr.cadenceInherited(), kr.nextCheckInDue())).toList();
        return new ObjectiveChanged(v.id(), o.organisationId, v.cycleId(), v.title(), v.description(),
                new ObjectiveChanged.Owner(v.owner().type().name(), v.owner().id()), v.kind().name(), v.status().name(),
                v.progress(), keyResults.isEmpty() ? null : v.progress(), v.rollupProgress(), v.health().name(),
                previousHealth == null ? null : previousHealth.name(), v.healthReason(), v.score(), v.rolledOverFrom(),
                keyResults.stream().map(ObjectiveChanged.KeyResult::kpiId).filter(Objects::nonNull).distinct().toList(),
                keyResults, o.version, v.createdAt(), v.updatedAt(), v.closedAt(),
                v.warnings().stream().map(w -> new ObjectiveChanged.Warning(w.code().name(), w.message())).toList(), v.rolledOverTo(),
                effectiveAt);
    }
}
