package dev.okr.kpi.formula;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.okr.platform.problem.ProblemException;

class FormulaTest {

    @Test
    void shouldDivideSpendByLeads() {
        Formula costPerLead = Formula.parse("spend / leads");
        assertEquals(Set.of("leads", "spend"), costPerLead.inputKeys());
        assertEquals(0.5, costPerLead.evaluate(Map.of("spend", 100.0, "leads", 200.0)).value());
    }

    @Test
    void shouldComputeReturnOnInvestment() {
        Formula roi = Formula.parse("(revenue - cost) / cost * 100");
        assertEquals(12.5, roi.evaluate(Map.of("revenue", 900.0, "cost", 800.0)).value(), 1e-12);
        assertEquals(-25.0, roi.evaluate(Map.of("revenue", 600.0, "cost", 800.0)).value(), 1e-12);
    }

    @Test
    void shouldReadDashedKeysWrittenWithUnderscores() {
        Formula f = Formula.parse("marketing_spend / new_leads");
        assertEquals(Set.of("marketing-spend", "new-leads"), f.inputKeys());
        assertEquals(2.0, f.evaluate(Map.of("marketing-spend", 40.0, "new-leads", 20.0)).value());
    }

    @Test
    void shouldAnswerDivisionByZeroWithoutAValue() {
        Formula.Result r = Formula.parse("spend / leads").evaluate(Map.of("spend", 100.0, "leads", 0.0));
        assertNull(r.value());
        assertEquals("division by zero (leads is 0)", r.problem());
    }

    @Test
    void shouldWaitForEveryInput() {
        Formula.Result r = Formula.parse("spend / leads").evaluate(Map.of("spend", 100.0));
        assertNull(r.value());
        assertEquals("leads has no value yet", r.problem());
    }

    @Test
    void shouldRefuseWhatIsNotAFormulaOverKpis() {
        assertEquals("dataSource.formula", assertThrows(ProblemException.class, () -> Formula.parse("spend / (leads"))
                .toProblem(null).errors().get(0).field());
        assertThrows(ProblemException.class, () -> Formula.parse("2 + 2"));
        assertThrows(ProblemException.class, () -> Formula.parse(" "));
    }
}
