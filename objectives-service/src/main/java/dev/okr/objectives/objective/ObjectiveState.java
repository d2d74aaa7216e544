package dev.okr.objectives.objective;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.Milestone;

/** An objective with everything its progress and health depend on: its cycle, key results and milestones. */
public record ObjectiveState(Objective objective, Cycle cycle, List<KeyResult> keyResults,
        Map<UUID, List<Milestone>> milestones) {

    public List<Milestone> milestonesOf(KeyResult kr) {
        return milestones.getOrDefault(kr.id, List.of());
    }
}
