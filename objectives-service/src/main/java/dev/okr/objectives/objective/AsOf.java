package dev.okr.objectives.objective;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.okr.objectives.history.Series;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.scoring.Assessment;
import dev.okr.objectives.scoring.HealthRules;
import dev.okr.objectives.scoring.Timeline;

/**
 * An objective's view as it stood at a moment: its values from its history ({@link Series#at}), everything people wrote
 * as it is now. Its health is judged at that moment (a closed objective's by its score, once closed by then).
 */
final class AsOf {

    private AsOf() {
    }

    static ObjectiveView objective(ObjectiveScorer scorer, ObjectiveState state, List<KeyResult> all, Series.ObjectiveAt then,
            Instant asOf, Instant now) {
        Objective o = state.objective();
        ObjectiveView live = scorer.view(state, now);
        HealthRules rules = scorer.rules();
        boolean aspirational = o.kind == Objective.Kind.ASPIRATIONAL;
        // closed (and perhaps archived since) by then: judged by its score, as at the end of its cycle
        boolean closedThen = o.closedAt != null && o.closedAt.isBefore(asOf);
        // an archived objective changes no more: its last change was its archiving
        boolean archivedThen = o.status == Objective.Status.ARCHIVED && o.updatedAt.isBefore(asOf);
        Objective.Status status = archivedThen ? Objective.Status.ARCHIVED : closedThen ? Objective.Status.CLOSED : Objective.Status.ACTIVE;
        Instant end = new Timeline(state.cycle().startDate, state.cycle().endDate).endsAt();
        Assessment health = closedThen && o.score != null
                ? rules.assess(o.score, state.cycle().startDate, state.cycle().endDate, asOf.isAfter(end) ? asOf : end, null, aspirational)
                : rules.assess(then.progress(), state.cycle().startDate, state.cycle().endDate, asOf, then.confidence(), aspirational);
        List<KeyResultView> keyResults = new ArrayList<>();
        all.stream().filter(kr -> then.keyResults().containsKey(kr.id)).sorted(Comparator.comparingInt(kr -> kr.position)).forEach(kr -> {
            Series.KeyResultAt at = then.keyResults().get(kr.id);
            KeyResultView current = scorer.keyResult(state, kr, now);
            Assessment krHealth = rules.assess(at.progress(), state.cycle().startDate, state.cycle().endDate, asOf, at.confidence(),
                    aspirational);
            keyResults.add(new KeyResultView(current.id(), current.objectiveId(), current.title(), current.type(), current.unit(), current.start(),
                    current.target(), kr.type == KeyResult.Type.NUMERIC || kr.type == KeyResult.Type.KPI_LINKED ? at.value() : null,
                    kr.type == KeyResult.Type.BOOLEAN ? at.progress() >= 1 : null, current.milestones(), current.kpiId(), current.weight(),
                    current.position(), at.progress(), krHealth.health(), krHealth.reason(), at.confidence(), at.lastCheckInAt(),
                    current.cadence(), current.cadenceInherited(), null, current.version()));
        });
        double progress = closedThen && o.score != null ? o.score : then.progress();
        return new ObjectiveView(live.id(), live.cycleId(), live.title(), live.description(), live.owner(), live.kind(), status, progress,
                null, health.health(), health.reason(), closedThen ? o.score : null, live.rolledOverFrom(),
                live.rolledOverTo(), live.version(), live.createdAt(), live.updatedAt(), closedThen ? o.closedAt : null, List.of(),
                keyResults);
    }
}
