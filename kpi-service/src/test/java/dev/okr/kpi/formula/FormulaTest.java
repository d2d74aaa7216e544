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

    @Test
    void shouldRefuseFunctionsWhoseCostGrowsWithTheirArgument() {
        for (String hostile : new String[] {"fin + FACT(20000000) * 0", "fin ^ 100000000", "SQRT(fin)", "LOG(fin)",
                "SUM(fin, fin)", "RANDOM() * fin"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> Formula.parse(hostile), hostile);
            assertEquals("dataSource.formula", e.toProblem(null).errors().get(0).field(), hostile);
        }
    }

    @Test
    void shouldRefuseAnExpressionTooLongOrNestedTooDeeply() {
        String deep = "(".repeat(17) + "fin" + ")".repeat(17);
        assertEquals("dataSource.formula", assertThrows(ProblemException.class, () -> Formula.parse(deep))
                .toProblem(null).errors().get(0).field());
        assertEquals(7.0, Formula.parse("(".repeat(16) + "fin" + ")".repeat(16)).evaluate(Map.of("fin", 7.0)).value());
        String longOne = "fin" + " + fin".repeat(200);
        assertThrows(ProblemException.class, () -> Formula.parse(longOne));
    }

    @Test
    void shouldOfferTheArithmeticAKpiNeeds() {
        Map<String, Double> values = Map.of("spend", 150.0, "leads", 40.0, "cost", -3.5);
        assertEquals(40.0, Formula.parse("MIN(spend, leads)").evaluate(values).value());
        assertEquals(150.0, Formula.parse("MAX(spend, leads)").evaluate(values).value());
        assertEquals(3.5, Formula.parse("ABS(cost)").evaluate(values).value());
        assertEquals(3.75, Formula.parse("ROUND(spend / leads, 2)").evaluate(values).value());
        assertEquals(1.0, Formula.parse("IF(spend > leads * 3, 1, 0)").evaluate(values).value());
        assertEquals(0.0, Formula.parse("IF(spend <= leads || cost >= 0, 1, 0)").evaluate(values).value());
        assertEquals(30.0, Formula.parse("spend % 40 + -cost - 3.5").evaluate(values).value());
    }
}
