package dev.okr.objectives.keyresult;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.contracts.problem.Problem;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.MilestoneRequest;
import dev.okr.platform.problem.ProblemException;

/** A key result's definition fits its type, every problem named at once; its progress follows DESIGN §2 exactly. */
class KeyResultRulesTest {

    private static KeyResultRequest request(KeyResult.Type type, String unit, Double start, Double target, Double current,
            List<MilestoneRequest> milestones, UUID kpiId) {
        return new KeyResultRequest("KR", type, unit, start, target, current, null, milestones, kpiId, null);
    }

    private static List<String> fields(KeyResultRequest r) {
        return assertThrows(ProblemException.class, () -> KeyResultRules.check(r)).toProblem(null).errors().stream()
                .map(Problem.FieldError::field).toList();
    }

    @Test
    void shouldNormaliseTheUnitOfANumericKeyResult() {
        assertEquals("number", KeyResultRules.check(request(KeyResult.Type.NUMERIC, null, 0.0, 10.0, null, null, null)));
        assertEquals("percent", KeyResultRules.check(request(KeyResult.Type.NUMERIC, " Percent ", 0.0, 10.0, null, null, null)));
        assertEquals("USD", KeyResultRules.check(request(KeyResult.Type.NUMERIC, "usd", 0.0, 10.0, null, null, null)));
        // a decreasing target is normal ("reduce cost per lead")
        assertEquals("EUR", KeyResultRules.check(request(KeyResult.Type.NUMERIC, "EUR", 40.0, 25.0, 38.0, null, null)));
    }

    @Test
    void shouldNameEveryProblemOfADefinitionAtOnce() {
        assertEquals(List.of("start", "target", "unit"), fields(request(KeyResult.Type.NUMERIC, "parsecs", null, null, null, null, null)));
        assertEquals(List.of("target"), fields(request(KeyResult.Type.NUMERIC, null, 5.0, 5.0, null, null, null)));
        assertEquals(List.of("currentValue"), fields(request(KeyResult.Type.NUMERIC, null, 0.0, 10.0, Double.POSITIVE_INFINITY, null, null)));
        assertEquals(List.of("start", "target", "kpiId"), fields(request(KeyResult.Type.BOOLEAN, null, 0.0, 1.0, null, null, UUID.randomUUID())));
        assertEquals(List.of("milestones"), fields(request(KeyResult.Type.MILESTONES, null, null, null, null, List.of(), null)));
        assertEquals(List.of("kpiId", "currentValue"), fields(request(KeyResult.Type.KPI_LINKED, null, null, null, 3.0, null, null)));
    }

    @Test
    void shouldComputeProgressForEachType() {
        KeyResult numeric = new KeyResult();
        numeric.type = KeyResult.Type.NUMERIC;
        numeric.startValue = 40.0;
        numeric.targetValue = 25.0;
        numeric.currentValue = 37.0;
        // (37 − 40) / (25 − 40) = 0.2, going down
        assertEquals(0.2, KeyResultRules.progress(numeric, List.of()), 1e-12);
        numeric.currentValue = null;
        assertEquals(0.0, KeyResultRules.progress(numeric, List.of()));

        KeyResult bool = new KeyResult();
        bool.type = KeyResult.Type.BOOLEAN;
        assertEquals(0.0, KeyResultRules.progress(bool, List.of()));
        bool.done = true;
        assertEquals(1.0, KeyResultRules.progress(bool, List.of()));

        KeyResult staged = new KeyResult();
        staged.type = KeyResult.Type.MILESTONES;
        Milestone small = new Milestone();
        small.weight = 1;
        small.completedAt = Instant.parse("2026-11-01T00:00:00Z");
        Milestone big = new Milestone();
        big.weight = 3;
        assertEquals(0.25, KeyResultRules.progress(staged, List.of(small, big)));
    }
}
