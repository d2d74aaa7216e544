package dev.okr.kpi.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.kpi.Frequency;
import dev.okr.kpi.kpi.Operator;
import dev.okr.kpi.status.StatusTimeline.Change;
import dev.okr.kpi.tally.MeasurementDays.DimensionDay;
import dev.okr.kpi.tally.Tally;

/**
 * Leads over 2026-10-01 .. 2026-12-31, a time frame of 92 days, with a target of 92: the value expected at a moment
 * is the number of days elapsed since 1 October (7.5 on 8 October at noon). At-risk band: 9.2. Measured weekly: a
 * KPI silent for 10.5 days has no data.
 */
class StatusTimelineTest {

    private static final Target LEADS = new Target(Operator.AT_LEAST, 92, null, null, LocalDate.parse("2026-10-01"),
            LocalDate.parse("2026-12-31"), Frequency.WEEKLY, Aggregation.SUM, 0.10, "leads");
    private static final Instant FRAME_START = Instant.parse("2026-10-01T00:00:00Z");

    private long ids;

    private DimensionDay day(String dimension, double value, String observedAt) {
        Instant at = Instant.parse(observedAt);
        return new DimensionDay(at.truncatedTo(ChronoUnit.DAYS), dimension, Tally.of(value, at, ++ids));
    }

    /** Four weekly pushes, one of them missed: the history a backfill of them leaves, from the time frame's start. */
    private List<DimensionDay> backfill() {
        return new ArrayList<>(List.of(day(null, 10, "2026-10-08T12:00:00Z"), day(null, 5, "2026-10-15T12:00:00Z"),
                day(null, 2, "2026-10-22T12:00:00Z"), day(null, 30, "2026-11-10T12:00:00Z")));
    }

    @Test
    void shouldStampEachStatusWhenTheValuesImpliedIt() {
        List<Change> changes = StatusTimeline.replay(LEADS, false, Map.of(), backfill(), FRAME_START,
                Instant.parse("2026-11-12T12:00:00Z"), null);

        assertEquals(List.of(
                new Change(Instant.parse("2026-10-08T12:00:00Z"), KpiStatus.ON_TRACK,
                        "10 leads so far, 7.5 leads expected by today: ahead of pace", 10.0),
                // 15 against 14.5 stays on track; 17 against 21.5 misses by 4.5, within the band of 9.2
                new Change(Instant.parse("2026-10-22T12:00:00Z"), KpiStatus.AT_RISK,
                        "17 leads so far, 21.5 leads expected by today: behind pace by 4.5 leads", 17.0),
                // silent from 22 October noon: 10.5 days later it has no data
                new Change(Instant.parse("2026-11-02T00:00:00.001Z"), KpiStatus.NO_DATA,
                        "no value since 2026-10-22, expected weekly", 17.0),
                new Change(Instant.parse("2026-11-10T12:00:00Z"), KpiStatus.ON_TRACK,
                        "47 leads so far, 40.5 leads expected by today: ahead of pace", 47.0)),
                changes);
    }

    @Test
    void shouldJudgeAgainOnlyFromTheDayTouched() {
        List<DimensionDay> all = backfill();
        Map<String, Tally> before = new HashMap<>();
        before.put(null, all.get(0).tally().plus(all.get(1).tally()));
        List<Change> changes = StatusTimeline.replay(LEADS, false, before, all.subList(2, 4), Instant.parse("2026-10-22T00:00:00Z"),
                Instant.parse("2026-11-12T12:00:00Z"), KpiStatus.ON_TRACK);

        assertEquals(List.of(KpiStatus.AT_RISK, KpiStatus.NO_DATA, KpiStatus.ON_TRACK), changes.stream().map(Change::status).toList());
        assertEquals(Instant.parse("2026-10-22T12:00:00Z"), changes.get(0).at());
        // silent since 8 October noon, stale from 19 October: a history judged again from 20 October only learns it now
        Map<String, Tally> first = new HashMap<>();
        first.put(null, all.get(0).tally());
        assertEquals(List.of(new Change(Instant.parse("2026-10-20T06:00:00Z"), KpiStatus.NO_DATA, "no value since 2026-10-08, expected weekly", 10.0)),
                StatusTimeline.replay(LEADS, false, first, List.of(), Instant.parse("2026-10-20T00:00:00Z"),
                        Instant.parse("2026-10-20T06:00:00Z"), KpiStatus.ON_TRACK));
    }

    @Test
    void shouldEndTheTimeFrameWithItsVerdict() {
        List<DimensionDay> days = backfill();
        days.add(day(null, 48, "2026-12-31T12:00:00Z"));
        List<Change> changes = StatusTimeline.replay(LEADS, false, Map.of(), days, FRAME_START,
                Instant.parse("2027-01-05T00:00:00Z"), null);

        assertEquals(List.of(KpiStatus.ON_TRACK, KpiStatus.AT_RISK, KpiStatus.NO_DATA, KpiStatus.ON_TRACK, KpiStatus.NO_DATA,
                KpiStatus.ON_TRACK, KpiStatus.ACHIEVED), changes.stream().map(Change::status).toList());
        // silent again from 10 November noon, then 95 against 91.5 on the last day, then the verdict at the end
        assertEquals(Instant.parse("2026-11-21T00:00:00.001Z"), changes.get(4).at());
        assertEquals(new Change(Instant.parse("2026-12-31T12:00:00Z"), KpiStatus.ON_TRACK,
                "95 leads so far, 91.5 leads expected by today: ahead of pace", 95.0), changes.get(5));
        assertEquals(new Change(Instant.parse("2027-01-01T00:00:00Z"), KpiStatus.ACHIEVED,
                "ended at 95 leads, target at least 92 leads: achieved", 95.0), changes.get(6));
    }

    @Test
    void shouldJudgeAGroupedKpiByItsWorstValue() {
        Target share = new Target(Operator.AT_LEAST, 10, null, null, LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"),
                Frequency.WEEKLY, Aggregation.LAST, 0.10, "percent");
        List<DimensionDay> days = List.of(day("alpha", 12, "2026-10-08T09:00:00Z"), day("beta", 8, "2026-10-08T10:00:00Z"),
                day("beta", 9.5, "2026-10-09T10:00:00Z"), day("beta", 11, "2026-10-12T10:00:00Z"));
        List<Change> changes = StatusTimeline.replay(share, true, Map.of(), days, FRAME_START, Instant.parse("2026-10-12T12:00:00Z"), null);

        assertEquals(List.of(
                // beta misses 10 by 2, more than the band of 1: the KPI is as bad as its worst value; its value the latest
                new Change(Instant.parse("2026-10-08T10:00:00Z"), KpiStatus.OFF_TRACK,
                        "1 of 2 on track; worst: beta: 8 % now, target at least 10 % (a threshold: no baseline): 2 pp short", 8.0),
                new Change(Instant.parse("2026-10-09T10:00:00Z"), KpiStatus.AT_RISK,
                        "1 of 2 on track; worst: beta: 9.5 % now, target at least 10 % (a threshold: no baseline): 0.5 pp short", 9.5),
                new Change(Instant.parse("2026-10-12T10:00:00Z"), KpiStatus.ON_TRACK, "2 of 2 on track; worst: alpha: 12 % now, "
                        + "target at least 10 % (a threshold: no baseline): on track", 11.0)),
                changes);
    }

    @Test
    void shouldJudgeADimensionThatFellSilentOnceWhereItFellSilent() {
        // each dimension value against the leads' trajectory: alpha reports 50 once, then never again; beta 0.6 a day,
        // falling behind the pace of one a day — at risk from the second day, off track (more than 9.2 behind) from the 25th
        List<DimensionDay> days = new ArrayList<>(List.of(day("alpha", 50, "2026-10-01T09:00:00Z")));
        for (int d = 1; d <= 30; d++) {
            days.add(day("beta", 0.6, "2026-10-%02dT10:00:00Z".formatted(d)));
        }
        List<Change> changes = StatusTimeline.replay(LEADS, true, Map.of(), days, FRAME_START, Instant.parse("2026-10-30T12:00:00Z"), null);

        // alpha's silence is judged once, where it began, with what was known then: judged again on a later day, with beta's
        // later total against the pace of 11 October, it would say beta was on track and the KPI had no data
        assertEquals(List.of(KpiStatus.ON_TRACK, KpiStatus.AT_RISK, KpiStatus.NO_DATA, KpiStatus.OFF_TRACK),
                changes.stream().map(Change::status).toList());
        assertEquals(List.of(Instant.parse("2026-10-01T10:00:00Z"), Instant.parse("2026-10-02T10:00:00Z"),
                Instant.parse("2026-10-11T21:00:00.001Z"), Instant.parse("2026-10-25T10:00:00Z")),
                changes.stream().map(Change::at).toList());
        assertEquals("0 of 2 on track; worst: alpha: no value since 2026-10-01, expected weekly", changes.get(2).reason());
    }

    @Test
    void shouldJudgeAgainOnlyForAPastTheHistoryDidNotKnow() {
        Instant now = Instant.parse("2026-11-12T12:00:00Z");
        assertNull(KpiStateUpdater.replayFrom(LEADS, null, now), "nothing measured: the sweep or a definition");
        assertNull(KpiStateUpdater.replayFrom(LEADS, Instant.parse("2026-11-12T01:00:00Z"), now), "today goes on as it does");
        assertEquals(Instant.parse("2026-11-11T00:00:00Z"), KpiStateUpdater.replayFrom(LEADS, Instant.parse("2026-11-11T23:00:00Z"), now));
        assertEquals(FRAME_START, KpiStateUpdater.replayFrom(LEADS, Instant.parse("2026-09-20T00:00:00Z"), now),
                "not before the time frame");
    }
}
