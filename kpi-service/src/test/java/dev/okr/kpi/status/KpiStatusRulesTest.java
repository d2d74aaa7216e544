package dev.okr.kpi.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.kpi.Frequency;
import dev.okr.kpi.kpi.Operator;

/**
 * The time frame 2026-01-01 .. 2026-04-10 is 100 days long: at 2026-02-20T00:00Z half of it has elapsed.
 */
class KpiStatusRulesTest {

    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final LocalDate END = LocalDate.parse("2026-04-10");
    private static final Instant HALFWAY = Instant.parse("2026-02-20T00:00:00Z");
    private static final Instant AFTER = Instant.parse("2026-04-11T00:00:00Z");
    private static final Instant RECENTLY = HALFWAY.minus(Duration.ofHours(1));

    private static Target leads() {
        return new Target(Operator.AT_LEAST, 20, null, null, START, END, Frequency.WEEKLY, Aggregation.SUM, 0.10, "leads");
    }

    private static Target costPerLead() {
        return new Target(Operator.AT_MOST, 0.5, null, 2.0, START, END, Frequency.DAILY, Aggregation.LAST, 0.10, "USD");
    }

    private static Target utilisation() {
        return new Target(Operator.AT_LEAST, 85, null, null, START, END, Frequency.WEEKLY, Aggregation.LAST, 0.10, "percent");
    }

    private static KpiStatus status(Target t, double value) {
        return KpiStatusRules.evaluate(t, value, RECENTLY, HALFWAY).status();
    }

    @Test
    void shouldFollowATrajectoryFromZeroForAnAccumulatingKpi() {
        Evaluation e = KpiStatusRules.evaluate(leads(), 14.0, RECENTLY, HALFWAY);
        assertEquals(new Evaluation(KpiStatus.ON_TRACK, "14 leads so far, 10 leads expected by today: ahead of pace", 10.0), e);
        assertEquals("10 leads so far, 10 leads expected by today: on pace",
                KpiStatusRules.evaluate(leads(), 10.0, RECENTLY, HALFWAY).reason());
        // the at-risk band is 10 % of |20 − 0| = 2
        assertEquals(KpiStatus.AT_RISK, status(leads(), 8));
        assertEquals(KpiStatus.OFF_TRACK, status(leads(), 7.99));
        assertEquals("7 leads so far, 10 leads expected by today: behind pace by 3 leads",
                KpiStatusRules.evaluate(leads(), 7.0, RECENTLY, HALFWAY).reason());
    }

    @Test
    void shouldFollowADecreasingTrajectoryFromTheBaseline() {
        // expected today: 2.0 + (0.5 − 2.0) × 0.5 = 1.25; band 10 % of 1.5 = 0.15
        assertEquals(new Evaluation(KpiStatus.ON_TRACK, "1.1 USD now, 1.25 USD expected by today: ahead of pace", 1.25),
                KpiStatusRules.evaluate(costPerLead(), 1.10, RECENTLY, HALFWAY));
        assertEquals(KpiStatus.AT_RISK, status(costPerLead(), 1.40));
        assertEquals(KpiStatus.OFF_TRACK, status(costPerLead(), 1.41));
    }

    @Test
    void shouldExpectTheBaselineOnTheFirstDay() {
        Instant first = Instant.parse("2026-01-01T00:00:00Z");
        assertEquals(0.0, KpiStatusRules.evaluate(leads(), 0.0, first, first).expected());
        assertEquals(KpiStatus.ON_TRACK, KpiStatusRules.evaluate(leads(), 0.0, first, first).status());
    }

    @Test
    void shouldHoldAThresholdWithoutABaseline() {
        assertEquals(new Evaluation(KpiStatus.ON_TRACK, "87 % now, target at least 85 % (a threshold: no baseline): on track", 85.0),
                KpiStatusRules.evaluate(utilisation(), 87.0, RECENTLY, HALFWAY));
        // the band is 10 % of |85| = 8.5
        assertEquals(KpiStatus.AT_RISK, status(utilisation(), 76.5));
        assertEquals(KpiStatus.OFF_TRACK, status(utilisation(), 76.4));
        assertEquals("80 % now, target at least 85 % (a threshold: no baseline): 5 pp short", KpiStatusRules.evaluate(utilisation(), 80.0, RECENTLY, HALFWAY).reason());
    }

    @Test
    void shouldStayWithinABand() {
        Target band = new Target(Operator.BETWEEN, 40, 60.0, null, START, END, Frequency.DAILY, Aggregation.AVG, 0.10, null);
        assertEquals(KpiStatus.ON_TRACK, status(band, 40));
        assertEquals(KpiStatus.ON_TRACK, status(band, 60));
        assertEquals(KpiStatus.AT_RISK, status(band, 62));
        assertEquals(KpiStatus.OFF_TRACK, status(band, 63));
        assertEquals(KpiStatus.AT_RISK, status(band, 38));
        assertEquals("37 now, target between 40 and 60: 3 below", KpiStatusRules.evaluate(band, 37.0, RECENTLY, HALFWAY).reason());
    }

    @Test
    void shouldHaveNoDataWithoutAValue() {
        assertEquals(new Evaluation(KpiStatus.NO_DATA, "no value yet, expected weekly", null),
                KpiStatusRules.evaluate(leads(), null, null, HALFWAY));
    }

    @Test
    void shouldHaveNoDataWhenTheIntegrationWentQuietForOneAndAHalfPeriods() {
        assertEquals(KpiStatus.ON_TRACK, KpiStatusRules.evaluate(leads(), 14.0, HALFWAY.minus(Duration.ofHours(252)), HALFWAY).status(),
                "10.5 days after a weekly value: still fresh");
        Evaluation quiet = KpiStatusRules.evaluate(leads(), 14.0, HALFWAY.minus(Duration.ofHours(252)).minusMillis(1), HALFWAY);
        assertEquals(new Evaluation(KpiStatus.NO_DATA, "no value since 2026-02-09, expected weekly", null), quiet);

        assertEquals(KpiStatus.ON_TRACK, KpiStatusRules.evaluate(costPerLead(), 1.0, HALFWAY.minus(Duration.ofHours(36)), HALFWAY).status());
        assertEquals(KpiStatus.NO_DATA, KpiStatusRules.evaluate(costPerLead(), 1.0, HALFWAY.minus(Duration.ofHours(36)).minusSeconds(1), HALFWAY).status());

        Target monthly = new Target(Operator.AT_LEAST, 85, null, null, START, END, Frequency.MONTHLY, Aggregation.LAST, 0.1, null);
        assertEquals(KpiStatus.ON_TRACK, KpiStatusRules.evaluate(monthly, 90.0, HALFWAY.minus(Duration.ofDays(45)), HALFWAY).status());
        assertEquals(KpiStatus.NO_DATA, KpiStatusRules.evaluate(monthly, 90.0, HALFWAY.minus(Duration.ofDays(45)).minusSeconds(1), HALFWAY).status());

        Target quarterly = new Target(Operator.AT_LEAST, 85, null, null, LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"),
                Frequency.QUARTERLY, Aggregation.LAST, 0.1, null);
        Instant later = Instant.parse("2026-09-01T00:00:00Z");
        assertEquals(KpiStatus.ON_TRACK, KpiStatusRules.evaluate(quarterly, 90.0, later.minus(Duration.ofHours(91 * 36)), later).status());
        assertEquals(KpiStatus.NO_DATA, KpiStatusRules.evaluate(quarterly, 90.0, later.minus(Duration.ofHours(91 * 36)).minusSeconds(1), later).status());
    }

    @Test
    void shouldJudgeTheTargetItselfAfterTheTimeFrame() {
        assertEquals(new Evaluation(KpiStatus.ACHIEVED, "ended at 20 leads, target at least 20 leads: achieved", null),
                KpiStatusRules.evaluate(leads(), 20.0, RECENTLY, AFTER));
        assertEquals(KpiStatus.MISSED, KpiStatusRules.evaluate(leads(), 19.99, RECENTLY, AFTER).status());
        assertEquals(KpiStatus.ACHIEVED, KpiStatusRules.evaluate(costPerLead(), 0.5, RECENTLY, AFTER).status());
        assertEquals(KpiStatus.MISSED, KpiStatusRules.evaluate(costPerLead(), 0.51, RECENTLY, AFTER).status());
        assertEquals(new Evaluation(KpiStatus.MISSED, "the time frame ended without a value", null),
                KpiStatusRules.evaluate(leads(), null, null, AFTER));
        assertEquals(KpiStatus.AT_RISK, KpiStatusRules.evaluate(leads(), 19.9, Instant.parse("2026-04-10T20:00:00Z"),
                Instant.parse("2026-04-10T23:59:59Z")).status(), "the last day is still in the time frame: judged by pace, not yet missed");
    }

    @Test
    void shouldNameTheDimensionFurthestFromItsTarget() {
        // beta and gamma are both at risk (band 8.5 below 85): gamma, 8 short, is the worse, though beta comes first
        Map<String, Evaluation> byRegion = new TreeMap<>(Map.of(
                "alpha", KpiStatusRules.evaluate(utilisation(), 90.0, RECENTLY, HALFWAY),
                "beta", KpiStatusRules.evaluate(utilisation(), 83.0, RECENTLY, HALFWAY),
                "gamma", KpiStatusRules.evaluate(utilisation(), 77.0, RECENTLY, HALFWAY)));
        assertEquals(new Evaluation(KpiStatus.AT_RISK, "1 of 3 on track; worst: gamma: 77 % now, target at least 85 % (a threshold: no baseline): 8 pp short", null),
                KpiStatusRules.overall(byRegion));
        assertEquals(8.0 / 85, byRegion.get("gamma").shortfall(), 1e-12);
        assertEquals(0, byRegion.get("alpha").shortfall());
        // the status comes first: on a trajectory to 20 leads, 8 of 10 expected is at risk, 7 off track (3 of 20 short)
        Map<String, Evaluation> mixed = new TreeMap<>(Map.of(
                "north", KpiStatusRules.evaluate(leads(), 8.0, RECENTLY, HALFWAY),
                "south", KpiStatusRules.evaluate(leads(), 7.0, RECENTLY, HALFWAY)));
        assertEquals(KpiStatus.OFF_TRACK, KpiStatusRules.overall(mixed).status());
        assertEquals("0 of 2 on track; worst: south: 7 leads so far, 10 leads expected by today: behind pace by 3 leads",
                KpiStatusRules.overall(mixed).reason());
        assertEquals(3.0 / 20, mixed.get("south").shortfall(), 1e-12);
    }

    @Test
    void shouldWriteGapsAPersonCanRead() {
        // expected 1.25 USD half-way; 1.2541 misses by 0.0041: not "by 0 USD"
        assertEquals("1.25 USD now, 1.25 USD expected by today: behind pace by less than 0.01 USD",
                KpiStatusRules.evaluate(costPerLead(), 1.2541, RECENTLY, HALFWAY).reason());
        assertEquals("5 pp", KpiStatusRules.gap(5, "percent"));
        assertEquals("0.5 pp", KpiStatusRules.gap(0.5, "%"));
        assertEquals("3", KpiStatusRules.gap(3, "number"));
        assertEquals("3.33 leads", KpiStatusRules.gap(10.0 / 3, "leads"));
    }

    @Test
    void shouldTakeTheWorstOfSeveralDimensions() {
        assertEquals(KpiStatus.AT_RISK, KpiStatusRules.worst(List.of(KpiStatus.ON_TRACK, KpiStatus.AT_RISK)));
        assertEquals(KpiStatus.NO_DATA, KpiStatusRules.worst(List.of(KpiStatus.ON_TRACK, KpiStatus.NO_DATA, KpiStatus.AT_RISK)));
        assertEquals(KpiStatus.OFF_TRACK, KpiStatusRules.worst(List.of(KpiStatus.NO_DATA, KpiStatus.OFF_TRACK, KpiStatus.ON_TRACK)));
        assertEquals(KpiStatus.MISSED, KpiStatusRules.worst(List.of(KpiStatus.ACHIEVED, KpiStatus.MISSED)));
        assertEquals(KpiStatus.NO_DATA, KpiStatusRules.worst(List.of()));
    }
}
