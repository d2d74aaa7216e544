package dev.okr.objectives.checkin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.checkin.CheckInApi.CheckInRequest;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.platform.problem.ProblemException;

/** A check-in's values fit its key result's type, or the answer names the field that does not. */
class CheckInRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Instant EARLIER = Instant.parse("2026-11-20T09:00:00Z");

    private static KeyResult kr(KeyResult.Type type) {
        KeyResult kr = new KeyResult();
        kr.type = type;
        kr.currentValue = 5.0;
        return kr;
    }

    private static Milestone milestone(Instant completedAt) {
        Milestone m = new Milestone();
        m.id = UUID.randomUUID();
        m.weight = 1;
        m.completedAt = completedAt;
        return m;
    }

    private static String field(Runnable checkIn) {
        return assertThrows(ProblemException.class, checkIn::run).toProblem(null).errors().get(0).field();
    }

    @Test
    void shouldMoveANumericKeyResultToItsNewValueWithConfidenceAndTime() {
        KeyResult kr = kr(KeyResult.Type.NUMERIC);
        CheckInRules.apply(kr, List.of(), new CheckInRequest(17.0, null, null, 7, "two deals", null), NOW);
        assertEquals(17.0, kr.currentValue);
        assertEquals(7, kr.latestConfidence);
        assertEquals(NOW, kr.lastCheckInAt);
        assertEquals(NOW, kr.updatedAt);
    }

    @Test
    void shouldNameWhatDoesNotFitTheType() {
        assertEquals("value", field(() -> CheckInRules.apply(kr(KeyResult.Type.NUMERIC), List.of(), new CheckInRequest(null, null, null, 5, null, null), NOW)));
        assertEquals("done", field(() -> CheckInRules.apply(kr(KeyResult.Type.NUMERIC), List.of(), new CheckInRequest(1.0, true, null, 5, null, null), NOW)));
        assertEquals("value", field(() -> CheckInRules.apply(kr(KeyResult.Type.NUMERIC), List.of(),
                new CheckInRequest(Double.NaN, null, null, 5, null, null), NOW)));
        assertEquals("done", field(() -> CheckInRules.apply(kr(KeyResult.Type.BOOLEAN), List.of(), new CheckInRequest(null, null, null, 5, null, null), NOW)));
        assertEquals("value", field(() -> CheckInRules.apply(kr(KeyResult.Type.BOOLEAN), List.of(), new CheckInRequest(1.0, true, null, 5, null, null), NOW)));
        assertEquals("completedMilestones", field(() -> CheckInRules.apply(kr(KeyResult.Type.MILESTONES), List.of(),
                new CheckInRequest(null, null, null, 5, null, null), NOW)));
        String kpiLinked = assertThrows(ProblemException.class, () -> CheckInRules.apply(kr(KeyResult.Type.KPI_LINKED), List.of(),
                new CheckInRequest(3.0, null, null, 5, null, null), NOW)).getMessage();
        assertTrue(kpiLinked.contains("its value follows the KPI"), kpiLinked);
    }

    @Test
    void shouldKeepWhenAMilestoneWasCompletedAndReopenOnesLeftOut() {
        Milestone done = milestone(EARLIER);
        Milestone now = milestone(null);
        Milestone reopened = milestone(EARLIER);
        KeyResult kr = kr(KeyResult.Type.MILESTONES);
        CheckInRules.apply(kr, List.of(done, now, reopened), new CheckInRequest(null, null, List.of(done.id, now.id), 4, null, null), NOW);
        assertEquals(EARLIER, done.completedAt);
        assertEquals(NOW, now.completedAt);
        assertNull(reopened.completedAt);
        assertEquals("completedMilestones", field(() -> CheckInRules.apply(kr, List.of(done), new CheckInRequest(null, null,
                List.of(UUID.randomUUID()), 4, null, null), NOW)));
    }

    @Test
    void shouldTakeAKpiLinkedCheckInAsConfidenceAndNoteOnly() {
        KeyResult kr = kr(KeyResult.Type.KPI_LINKED);
        CheckInRules.apply(kr, List.of(), new CheckInRequest(null, null, null, 3, "the CRM is late", null), NOW);
        assertEquals(5.0, kr.currentValue);
        assertEquals(3, kr.latestConfidence);
    }

    @Test
    void shouldStoreMilestoneIdsAsTextAndReadThemBack() {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        assertEquals(List.of(a, b), CheckInRules.ids(CheckInRules.join(List.of(a, b))));
        assertEquals(List.of(), CheckInRules.ids(CheckInRules.join(List.of())));
        assertNull(CheckInRules.ids(CheckInRules.join(null)));
    }

    @Test
    void shouldDateACheckInInThePastButNeverInTheFutureNorBeforeItsCycle() {
        Instant cycleStart = Instant.parse("2026-10-01T00:00:00Z");
        assertEquals(NOW, CheckInRules.checkedInAt(null, NOW, cycleStart));
        assertEquals(EARLIER, CheckInRules.checkedInAt(EARLIER, NOW, cycleStart));
        assertEquals(cycleStart, CheckInRules.checkedInAt(cycleStart, NOW, cycleStart));
        assertEquals(NOW, CheckInRules.checkedInAt(NOW.plusSeconds(30), NOW, cycleStart)); // a clock a little ahead
        ProblemException future = assertThrows(ProblemException.class, () -> CheckInRules.checkedInAt(NOW.plusSeconds(61), NOW, cycleStart));
        assertEquals("checkedInAt", future.toProblem(null).errors().get(0).field());
        assertTrue(future.toProblem(null).errors().get(0).message().contains("in the future"));
        ProblemException before = assertThrows(ProblemException.class,
                () -> CheckInRules.checkedInAt(cycleStart.minusMillis(1), NOW, cycleStart));
        assertTrue(before.toProblem(null).errors().get(0).message().contains("before the cycle began (2026-10-01T00:00:00Z)"));
    }

    @Test
    void shouldDateWhatABackDatedCheckInChanges() {
        KeyResult kr = kr(KeyResult.Type.NUMERIC);
        CheckInRules.apply(kr, List.of(), new CheckInRequest(9.0, null, null, 6, null, EARLIER), EARLIER, NOW);
        assertEquals(EARLIER, kr.lastCheckInAt);
        assertEquals(NOW, kr.updatedAt);
        Milestone m = milestone(null);
        CheckInRules.apply(kr(KeyResult.Type.MILESTONES), List.of(m), new CheckInRequest(null, null, List.of(m.id), 6, null, EARLIER),
                EARLIER, NOW);
        assertEquals(EARLIER, m.completedAt);
    }

    @Test
    void shouldPreviewACheckInWithoutChangingTheKeyResult() {
        KeyResult kr = kr(KeyResult.Type.MILESTONES);
        Milestone before = milestone(Instant.parse("2026-11-01T00:00:00Z"));
        Milestone after = milestone(NOW); // completed after the check-in's date: not yet then
        Milestone later = milestone(null);
        List<Milestone> previewed = new java.util.ArrayList<>();
        KeyResult then = CheckInRules.preview(kr, List.of(before, after, later), previewed,
                new CheckInRequest(null, null, List.of(before.id, later.id), 2, null, EARLIER), EARLIER);
        assertEquals(NOW, after.completedAt);
        assertNull(later.completedAt);
        assertNull(kr.lastCheckInAt);
        assertEquals(EARLIER, then.lastCheckInAt);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), previewed.get(0).completedAt);
        assertNull(previewed.get(1).completedAt);
        assertEquals(EARLIER, previewed.get(2).completedAt);
        assertEquals("value", field(() -> CheckInRules.preview(kr(KeyResult.Type.NUMERIC), List.of(), new java.util.ArrayList<>(),
                new CheckInRequest(null, null, null, 2, null, EARLIER), EARLIER)));
    }
}
