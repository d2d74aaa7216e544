package dev.okr.objectives.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.scoring.Health;
import dev.okr.objectives.settings.Settings;

/** An objective's progress, health and view from its key results, roll-up and cycle, with exact values. */
class ObjectiveScorerTest {

    private static final ObjectiveScorer SCORER = new ObjectiveScorer(Settings.DEFAULTS);
    /** Half-way through a 2026-Q4 of 92 days (Oct 1 – Dec 31): 46 days in. */
    private static final Instant HALF_WAY = LocalDate.parse("2026-11-16").atStartOfDay().toInstant(ZoneOffset.UTC);

    private static ObjectiveState state(List<KeyResult> krs, Double rollup) {
        Cycle cycle = new Cycle();
        cycle.startDate = LocalDate.parse("2026-10-01");
        cycle.endDate = LocalDate.parse("2026-12-31");
        Objective o = new Objective();
        o.id = UUID.randomUUID();
        o.status = Objective.Status.ACTIVE;
        o.kind = Objective.Kind.COMMITTED;
        o.rollupProgress = rollup;
        return new ObjectiveState(o, cycle, new ArrayList<>(krs), new HashMap<>());
    }

    private static KeyResult numeric(double start, double target, double current, double weight) {
        KeyResult kr = new KeyResult();
        kr.id = UUID.randomUUID();
        kr.type = KeyResult.Type.NUMERIC;
        kr.startValue = start;
        kr.targetValue = target;
        kr.currentValue = current;
        kr.weight = weight;
        return kr;
    }

    @Test
    void shouldWeighItsKeyResults() {
        // 0.5 with weight 1 and 0.2 with weight 3: (0.5 + 0.6) / 4 = 0.275
        ObjectiveState s = state(List.of(numeric(0, 10, 5, 1), numeric(40, 25, 37, 3)), 0.9);
        assertEquals(0.275, SCORER.progress(s), 1e-12);
        assertEquals(0.275, SCORER.ownProgress(s), 1e-12);
    }

    @Test
    void shouldTakeItsRollupWithoutKeyResults() {
        assertNull(SCORER.ownProgress(state(List.of(), 0.0625)));
        assertEquals(0.0625, SCORER.progress(state(List.of(), 0.0625)));
        assertEquals(0.0, SCORER.progress(state(List.of(), null)));
    }

    @Test
    void shouldJudgeHealthAgainstThePaceOfTheCycle() {
        // expected 0.5 half-way: 0.45 is on track (within 0.10), 0.3 at risk (within 0.25), 0.2 off track
        assertEquals(Health.ON_TRACK, SCORER.health(state(List.of(numeric(0, 100, 45, 1)), null), HALF_WAY).health());
        assertEquals(Health.AT_RISK, SCORER.health(state(List.of(numeric(0, 100, 30, 1)), null), HALF_WAY).health());
        assertEquals(Health.OFF_TRACK, SCORER.health(state(List.of(numeric(0, 100, 20, 1)), null), HALF_WAY).health());
        // a low confidence on the latest check-in makes it at best at risk
        KeyResult confidentlyLow = numeric(0, 100, 80, 1);
        confidentlyLow.latestConfidence = 2;
        confidentlyLow.lastCheckInAt = HALF_WAY;
        assertEquals(Health.AT_RISK, SCORER.health(state(List.of(confidentlyLow), null), HALF_WAY).health());
        assertEquals(2, ObjectiveScorer.latestConfidence(state(List.of(confidentlyLow, numeric(0, 1, 0, 1)), null)));
    }

    @Test
    void shouldTellWhetherARefreshChangedWhatIsStored() {
        ObjectiveState s = state(List.of(numeric(0, 100, 45, 1)), null);
        assertTrue(SCORER.refresh(s, HALF_WAY));
        assertEquals(0.45, s.objective().progress, 1e-12);
        assertEquals(Health.ON_TRACK, s.objective().health);
        assertFalse(SCORER.refresh(s, HALF_WAY));
    }

    @Test
    void shouldShowProgressRoundedToFourDecimals() {
        // 1 / 3 of the way
        ObjectiveState s = state(List.of(numeric(0, 3, 1, 1)), null);
        assertEquals(0.3333, SCORER.view(s, HALF_WAY).progress());
        // the roll-up alignment-service computed, as it arrived (every digit kept in storage)
        ObjectiveState rolledUp = state(List.of(), 0.5759749999999999);
        assertEquals(0.576, SCORER.view(rolledUp, HALF_WAY).rollupProgress());
        assertEquals(0.576, SCORER.view(rolledUp, HALF_WAY).progress());
        assertEquals(0.5759749999999999, SCORER.progress(rolledUp), "what roll-ups and health use is exact");
        assertNull(SCORER.view(state(List.of(), null), HALF_WAY).rollupProgress());
    }
}
