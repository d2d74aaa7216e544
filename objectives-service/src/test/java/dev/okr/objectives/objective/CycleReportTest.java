package dev.okr.objectives.objective;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.keyresult.Cadence;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.keyresult.KeyResultApi.MilestoneView;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.objective.ObjectiveApi.OwnerView;
import dev.okr.objectives.scoring.Health;

/** The report's cells: numbers as a spreadsheet reads them, text that cannot run as a formula, quoting where CSV needs it. */
class CycleReportTest {

    private static final UUID O = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID K = UUID.fromString("00000000-0000-0000-0000-00000000000b");

    private static KeyResultView kr(KeyResult.Type type, String title, Double current, Boolean done, List<MilestoneView> milestones,
            double progress) {
        return new KeyResultView(K, O, title, type, type == KeyResult.Type.NUMERIC ? "EUR" : null, type == KeyResult.Type.NUMERIC ? 0.0 : null,
                type == KeyResult.Type.NUMERIC ? 12_500_000.0 : null, current, done, milestones, null, 1, 0, progress, Health.AT_RISK,
                "reason", 6, Instant.parse("2026-11-27T17:00:00Z"), Cadence.WEEKLY, true, null, 1);
    }

    private static ObjectiveView objective(String title, Double score, List<KeyResultView> krs) {
        return new ObjectiveView(O, UUID.randomUUID(), title, null, new OwnerView(Objective.OwnerType.PERSON, "maria"), Objective.Kind.COMMITTED,
                score == null ? Objective.Status.ACTIVE : Objective.Status.CLOSED, 0.45, null, Health.AT_RISK, "reason", score, null, null, 1,
                Instant.EPOCH, Instant.EPOCH, null, List.of(), krs);
    }

    @Test
    void shouldWriteOneRowPerKeyResultWithTheObjectiveRepeated() {
        String csv = CycleReport.rows(List.of(objective("Grow \"revenue\", fast", null,
                List.of(kr(KeyResult.Type.NUMERIC, "ARR", 5_625_000.5, null, null, 0.45)))));
        assertEquals("00000000-0000-0000-0000-00000000000a,\"Grow \"\"revenue\"\", fast\",COMMITTED,ACTIVE,PERSON,maria,0.45,AT_RISK,,"
                + "00000000-0000-0000-0000-00000000000b,ARR,NUMERIC,EUR,0,12500000,5625000.5,0.45,AT_RISK,,6,2026-11-27T17:00:00Z\r\n", csv);
    }

    @Test
    void shouldGiveAnObjectiveWithoutKeyResultsARowOfItsOwnAndScoreAClosedOnesKeyResults() {
        String empty = CycleReport.rows(List.of(objective("Be the best place to work", null, List.of())));
        assertEquals(CycleReport.COLUMNS.size() - 1, empty.chars().filter(c -> c == ',').count());
        String closed = CycleReport.rows(List.of(objective("Ship", 0.7, List.of(kr(KeyResult.Type.BOOLEAN, "launch", null, true, null, 1)))));
        String[] cells = closed.strip().split(",");
        assertEquals("CLOSED", cells[3]);
        assertEquals("0.7", cells[8]);
        assertEquals("done", cells[15]);
        assertEquals("1", cells[18]);
    }

    @Test
    void shouldSayHowManyMilestonesAreComplete() {
        List<MilestoneView> milestones = List.of(new MilestoneView(UUID.randomUUID(), "design", 1, true, Instant.EPOCH),
                new MilestoneView(UUID.randomUUID(), "build", 1, false, null), new MilestoneView(UUID.randomUUID(), "launch", 2, false, null));
        assertEquals("1 of 3 milestones", CycleReport.current(kr(KeyResult.Type.MILESTONES, "m", null, null, milestones, 0.25)));
        assertEquals("not done", CycleReport.current(kr(KeyResult.Type.BOOLEAN, "b", null, false, null, 0)));
        assertEquals("", CycleReport.current(kr(KeyResult.Type.KPI_LINKED, "k", null, null, null, 0)));
    }

    @Test
    void shouldKeepFormulasFromRunning() {
        assertEquals("'=HYPERLINK(\"http://evil\")", CycleReport.text("=HYPERLINK(\"http://evil\")"));
        assertEquals("'+1", CycleReport.text("+1"));
        assertEquals("'-2", CycleReport.text("-2"));
        assertEquals("'@SUM(A1)", CycleReport.text("@SUM(A1)"));
        assertEquals("Grow = revenue", CycleReport.text("Grow = revenue"));
        assertEquals("-5", CycleReport.number(-5.0)); // numbers stay numbers
        assertEquals("0.0001", CycleReport.number(0.0001));
        assertEquals("123456789012", CycleReport.number(123456789012.0));
    }
}
