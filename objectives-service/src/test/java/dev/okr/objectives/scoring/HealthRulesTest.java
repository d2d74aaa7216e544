package dev.okr.objectives.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/**
 * The cycle 2026-01-01 .. 2026-04-10 is 100 days long, so each day elapsed is exactly 1 % expected progress:
 * at 2026-02-20T00:00Z 50 days have elapsed, e = 0.50.
 */
class HealthRulesTest {

    private static final LocalDate START = LocalDate.parse("2026-01-01");
    private static final LocalDate END = LocalDate.parse("2026-04-10");
    private static final Instant HALFWAY = Instant.parse("2026-02-20T00:00:00Z");
    private final HealthRules rules = new HealthRules(HealthThresholds.DEFAULTS);

    private Health at(double progress, Instant now) {
        return rules.assess(progress, START, END, now, null, false).health();
    }

    @Test
    void shouldBeOnTrackDownToTenPointsBehind() {
        assertEquals(Health.ON_TRACK, at(0.50, HALFWAY));
        assertEquals(Health.ON_TRACK, at(0.90, HALFWAY));
        assertEquals(Health.ON_TRACK, at(0.40, HALFWAY), "exactly e − 0.10");
        assertEquals(Health.AT_RISK, at(0.3999, HALFWAY));
    }

    @Test
    void shouldBeAtRiskDownToTwentyFivePointsBehind() {
        assertEquals(Health.AT_RISK, at(0.25, HALFWAY), "exactly e − 0.25");
        assertEquals(Health.OFF_TRACK, at(0.2499, HALFWAY));
        assertEquals(Health.OFF_TRACK, at(0.0, HALFWAY));
    }

    @Test
    void shouldNotStartBeforeTheCycle() {
        Assessment a = rules.assess(0.3, START, END, Instant.parse("2025-12-31T23:59:59Z"), null, false);
        assertEquals(Health.NOT_STARTED, a.health());
        assertEquals("the cycle starts on 2026-01-01; 30 % done so far", a.reason());
    }

    @Test
    void shouldBeOnTrackOnTheFirstDayWithNoProgress() {
        assertEquals(Health.ON_TRACK, at(0.0, Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals(Health.ON_TRACK, at(0.0, Instant.parse("2026-01-11T00:00:00Z")), "10 days in: e = 0.10");
        assertEquals(Health.AT_RISK, at(0.0, Instant.parse("2026-01-11T00:00:01Z")));
    }

    @Test
    void shouldSlideAsTheCycleGoesOnWithoutProgress() {
        assertEquals(Health.ON_TRACK, at(0.30, Instant.parse("2026-02-10T00:00:00Z")), "e = 0.40");
        assertEquals(Health.AT_RISK, at(0.30, Instant.parse("2026-02-20T00:00:00Z")), "e = 0.50");
        assertEquals(Health.OFF_TRACK, at(0.30, Instant.parse("2026-03-07T00:00:00Z")), "e = 0.65");
    }

    @Test
    void shouldJudgeCommittedObjectivesAfterTheCycleByCompletion() {
        Instant after = Instant.parse("2026-04-11T00:00:00Z");
        assertEquals(Health.ACHIEVED, at(1.0, after));
        assertEquals(Health.MISSED, at(0.99, after));
        assertEquals(Health.ON_TRACK, at(0.95, Instant.parse("2026-04-10T23:59:59Z")), "the last day is in the cycle");
    }

    @Test
    void shouldJudgeAspirationalObjectivesAgainstSeventyPercent() {
        Instant after = Instant.parse("2026-05-01T00:00:00Z");
        assertEquals(Health.ACHIEVED, rules.assess(0.7, START, END, after, null, true).health());
        assertEquals(Health.MISSED, rules.assess(0.69, START, END, after, null, true).health());
        assertEquals(Health.ACHIEVED, rules.assess(1.0, START, END, after, null, true).health());
    }

    @Test
    void shouldCapHealthAtAtRiskWhenConfidenceIsLow() {
        assertEquals(Health.AT_RISK, rules.assess(0.9, START, END, HALFWAY, 3, false).health());
        assertEquals(Health.AT_RISK, rules.assess(0.9, START, END, HALFWAY, 0, false).health());
        assertEquals(Health.ON_TRACK, rules.assess(0.9, START, END, HALFWAY, 4, false).health());
        assertEquals(Health.OFF_TRACK, rules.assess(0.1, START, END, HALFWAY, 2, false).health(), "never raises it");
        assertEquals(Health.ACHIEVED, rules.assess(1.0, START, END, Instant.parse("2026-05-01T00:00:00Z"), 1, false).health(),
                "after the cycle the result counts, not the confidence");
    }

    @Test
    void shouldCapAKeyResultWhoseKpiWentQuietAtAtRisk() {
        Instant quietSince = Instant.parse("2026-02-06T17:30:00Z");
        Assessment onTrack = rules.assess(0.6, START, END, HALFWAY, null, false);
        assertEquals(new Assessment(Health.AT_RISK, "60 % done, 50 % of the cycle elapsed: 10 points ahead of pace; "
                + "but its KPI 'New customers' has had no data since 2026-02-06"),
                HealthRules.capForQuietKpi(onTrack, "New customers", quietSince));
        assertEquals(onTrack, HealthRules.capForQuietKpi(onTrack, "New customers", null), "a KPI with data caps nothing");
        Assessment offTrack = rules.assess(0.1, START, END, HALFWAY, null, false);
        assertEquals(offTrack, HealthRules.capForQuietKpi(offTrack, "New customers", quietSince), "never raises it");
        Assessment achieved = rules.assess(1.0, START, END, Instant.parse("2026-05-01T00:00:00Z"), null, false);
        assertEquals(achieved, HealthRules.capForQuietKpi(achieved, "New customers", quietSince),
                "after the cycle the result counts");
        assertEquals("its KPI has had no data since 2026-02-06",
                HealthRules.capForQuietKpi(onTrack, null, quietSince).reason().replaceAll(".*; but ", ""));
    }

    @Test
    void shouldExplainItself() {
        Instant eightyPercent = Instant.parse("2026-03-22T00:00:00Z"); // 80 days in
        assertEquals(new Assessment(Health.AT_RISK, "62 % done, 80 % of the cycle elapsed: 18 points behind pace"),
                rules.assess(0.62, START, END, eightyPercent, null, false));
        assertEquals("55 % done, 50 % of the cycle elapsed: 5 points ahead of pace",
                rules.assess(0.55, START, END, HALFWAY, null, false).reason());
        assertEquals("50 % done, 50 % of the cycle elapsed: on pace; but the latest confidence is 2/10",
                rules.assess(0.5, START, END, HALFWAY, 2, false).reason());
        assertEquals("the cycle ended at 70 % (aspirational: 70 % counts as achieved)",
                rules.assess(0.7, START, END, Instant.parse("2026-05-01T00:00:00Z"), null, true).reason());
    }

    @Test
    void shouldHonourTheOrganisationsThresholds() {
        HealthRules strict = new HealthRules(new HealthThresholds(0.05, 0.15, 5, 0.8));
        assertEquals(Health.AT_RISK, strict.assess(0.44, START, END, HALFWAY, null, false).health());
        assertEquals(Health.OFF_TRACK, strict.assess(0.34, START, END, HALFWAY, null, false).health());
        assertEquals(Health.AT_RISK, strict.assess(0.9, START, END, HALFWAY, 5, false).health());
        assertEquals(Health.MISSED, strict.assess(0.75, START, END, Instant.parse("2026-05-01T00:00:00Z"), null, true).health());
    }

    @Test
    void shouldScoreToTwoDecimals() {
        assertEquals(0.63, HealthRules.score(0.625));
        assertEquals(0.0, HealthRules.score(-0.2));
        assertEquals(1.0, HealthRules.score(1.0));
        assertEquals(0.33, HealthRules.score(1.0 / 3));
    }
}
