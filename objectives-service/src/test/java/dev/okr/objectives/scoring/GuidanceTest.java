package dev.okr.objectives.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.scoring.Guidance.Warning;

/** The method's advice on an objective: three to five key results, a cycle of at most a quarter. */
class GuidanceTest {

    private static final LocalDate JUL_1 = LocalDate.parse("2026-07-01");
    /** July to September: 92 days, the longest quarter. */
    private static final LocalDate SEP_30 = LocalDate.parse("2026-09-30");

    private static List<Warning.Code> codes(Guidance g, int keyResults, LocalDate start, LocalDate end) {
        return g.warnings(keyResults, start, end).stream().map(Warning::code).toList();
    }

    @Test
    void shouldWarnOutsideTheAdvisedRangeOnly() {
        Guidance g = Guidance.DEFAULTS;
        assertEquals(List.of(Warning.Code.FEW_KEY_RESULTS), codes(g, 0, JUL_1, SEP_30));
        assertEquals(List.of(Warning.Code.FEW_KEY_RESULTS), codes(g, 2, JUL_1, SEP_30));
        assertEquals(List.of(), codes(g, 3, JUL_1, SEP_30));
        assertEquals(List.of(), codes(g, 5, JUL_1, SEP_30));
        assertEquals(List.of(Warning.Code.MANY_KEY_RESULTS), codes(g, 6, JUL_1, SEP_30));
    }

    @Test
    void shouldFollowTheOrganisationsRange() {
        Guidance g = new Guidance(2, 2);
        assertEquals(List.of(), codes(g, 2, JUL_1, SEP_30));
        assertEquals("1 key result: 2 are advised, so that the objective is measured from more than one side",
                g.warnings(1, JUL_1, SEP_30).get(0).message());
        assertEquals("3 key results: 2 are advised, so that the objective keeps its focus", g.warnings(3, JUL_1, SEP_30).get(0).message());
        assertEquals("No key results: 3 to 5 are advised, so that the objective is measured from more than one side",
                Guidance.DEFAULTS.warnings(0, JUL_1, SEP_30).get(0).message());
    }

    @Test
    void shouldWarnAboutACycleLongerThanAQuarter() {
        assertEquals(List.of(), codes(Guidance.DEFAULTS, 4, JUL_1, SEP_30));
        assertEquals(List.of(Warning.Code.LONG_CYCLE), codes(Guidance.DEFAULTS, 4, JUL_1, SEP_30.plusDays(1)));
        assertEquals(List.of(Warning.Code.FEW_KEY_RESULTS, Warning.Code.LONG_CYCLE),
                codes(Guidance.DEFAULTS, 1, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")));
        assertEquals("The cycle spans 365 days, longer than a quarter: objectives are advised to be set for a quarter, so that "
                + "they are reviewed and reset while still relevant",
                Guidance.DEFAULTS.warnings(4, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31")).get(0).message());
    }
}
