package dev.okr.objectives.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.scoring.Progress.Direction;
import dev.okr.objectives.scoring.Progress.Milestone;
import dev.okr.objectives.scoring.Progress.Weighted;

class ProgressTest {

    @Test
    void shouldMeasureAnIncreasingTarget() {
        assertEquals(0.0, Progress.numeric(0, 1000, 0));
        assertEquals(0.25, Progress.numeric(0, 1000, 250));
        assertEquals(0.5, Progress.numeric(200, 1000, 600));
        assertEquals(1.0, Progress.numeric(0, 1000, 1000));
    }

    @Test
    void shouldMeasureADecreasingTarget() {
        // cost per lead from $2.00 down to $0.50
        assertEquals(0.0, Progress.numeric(2.0, 0.5, 2.0));
        assertEquals(0.5, Progress.numeric(2.0, 0.5, 1.25));
        assertEquals(1.0, Progress.numeric(2.0, 0.5, 0.5));
        assertEquals(1.0, Progress.numeric(2.0, 0.5, 0.3), "beyond the target is still 1");
        assertEquals(0.0, Progress.numeric(2.0, 0.5, 2.6), "worse than the start is still 0");
    }

    @Test
    void shouldClampBeyondEitherEnd() {
        assertEquals(0.0, Progress.numeric(100, 200, 50));
        assertEquals(1.0, Progress.numeric(100, 200, 250));
    }

    @Test
    void shouldTreatATargetEqualToTheStartAsMetOrNot() {
        assertEquals(1.0, Progress.numeric(85, 85, 85));
        assertEquals(0.0, Progress.numeric(85, 85, 86));
        assertEquals(1.0, Progress.numeric(85, 85, 90, Direction.AT_LEAST));
        assertEquals(0.0, Progress.numeric(85, 85, 80, Direction.AT_LEAST));
        assertEquals(1.0, Progress.numeric(0.5, 0.5, 0.4, Direction.AT_MOST));
        assertEquals(0.0, Progress.numeric(0.5, 0.5, 0.6, Direction.AT_MOST));
    }

    @Test
    void shouldScoreBooleans() {
        assertEquals(1.0, Progress.bool(true));
        assertEquals(0.0, Progress.bool(false));
    }

    @Test
    void shouldWeighMilestones() {
        List<Milestone> plan = List.of(new Milestone(1, true), new Milestone(3, false), new Milestone(4, true));
        assertEquals(5.0 / 8, Progress.milestones(plan));
        assertEquals(0.0, Progress.milestones(List.of()));
        assertEquals(1.0, Progress.milestones(List.of(new Milestone(2, true))));
        assertEquals(0.0, Progress.milestones(List.of(new Milestone(2, false), new Milestone(1, false))));
    }

    @Test
    void shouldWeighKeyResultsIntoTheObjective() {
        assertEquals(0.5, Progress.objective(List.of(new Weighted(0.25, 1), new Weighted(0.75, 1))));
        // weights 1 and 3: (0.2 * 1 + 0.6 * 3) / 4 = 0.5
        assertEquals(0.5, Progress.objective(List.of(new Weighted(0.2, 1), new Weighted(0.6, 3))), 1e-12);
        assertEquals(0.4, Progress.objective(List.of(new Weighted(0.4, 2.5))), 1e-12);
    }

    @Test
    void shouldGiveNoProgressToAnObjectiveWithoutKeyResults() {
        assertNull(Progress.objective(List.of()));
    }
}
