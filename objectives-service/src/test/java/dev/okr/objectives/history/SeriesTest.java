package dev.okr.objectives.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.objectives.history.Series.Bucket;
import dev.okr.objectives.history.Series.Entry;
import dev.okr.objectives.history.Series.Frame;
import dev.okr.objectives.history.Series.Member;
import dev.okr.objectives.history.Series.Span;
import dev.okr.objectives.scoring.Health;
import dev.okr.objectives.scoring.HealthRules;
import dev.okr.objectives.scoring.HealthThresholds;

/**
 * A ten-day cycle (2026-10-01 to 10-10, so a day is a tenth of it) with two key results: A (weight 1) checked in on the
 * 3rd, and on the 2nd by a check-in recorded later; B (weight 3) done on the 5th and removed on the 7th.
 */
class SeriesTest {

    private static final UUID OBJECTIVE = UUID.randomUUID();
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();
    private static final Instant NOW = Instant.parse("2026-10-08T12:00:00Z");
    private static final Frame OPEN = new Frame(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-10"),
            new HealthRules(HealthThresholds.DEFAULTS), false, null, null);

    private static ProgressPoint point(UUID keyResult, String at, double progress, Integer confidence) {
        ProgressPoint p = ProgressPoint.of(UUID.randomUUID(), OBJECTIVE, keyResult, Instant.parse(at), NOW, "test", progress);
        p.confidence = confidence;
        return p;
    }

    private static List<ProgressPoint> history() {
        List<ProgressPoint> points = new ArrayList<>();
        points.add(point(null, "2026-10-01T00:00:00Z", 0, null));
        points.add(point(A, "2026-10-01T00:00:00Z", 0, null));
        points.add(point(B, "2026-10-01T00:00:00Z", 0, null));
        points.add(point(A, "2026-10-03T12:00:00Z", 0.5, 7));
        points.add(point(B, "2026-10-05T10:00:00Z", 1.0, null));
        points.add(point(null, "2026-10-07T00:00:00Z", 0.5, null)); // the objective when B was removed
        points.add(point(A, "2026-10-02T09:00:00Z", 0.2, 2)); // dated the 2nd, recorded last
        return points;
    }

    private static final List<Member> MEMBERS = List.of(new Member(A, 1, null, false), new Member(B, 3, Instant.parse("2026-10-07T00:00:00Z"), false));

    private static void assertEntry(Entry e, String start, Double progress, Health health, double expected, boolean carried, Integer confidence) {
        assertEquals(LocalDate.parse(start), e.start(), "start");
        assertEquals(progress, e.progress(), "progress on " + start);
        assertEquals(health, e.health(), "health on " + start);
        assertEquals(expected, e.expected(), 1e-9, "expected on " + start);
        assertEquals(carried, e.carried(), "carried on " + start);
        assertEquals(confidence, e.confidence(), "confidence on " + start);
    }

    @Test
    void shouldReadAnObjectiveDayByDayFromItsKeyResultsAsEachStoodThen() {
        List<Span> days = Series.spans(LocalDate.parse("2026-09-30"), LocalDate.parse("2026-10-20"), Bucket.DAY, NOW);
        assertEquals(9, days.size()); // the 30th to today, the 8th; nothing after now
        assertEquals(NOW, days.get(8).until());

        List<Entry> series = Series.objective(history(), MEMBERS, days, OPEN);

        assertEntry(series.get(0), "2026-09-30", null, null, 0, false, null); // before anything was recorded
        assertEntry(series.get(1), "2026-10-01", 0.0, Health.ON_TRACK, 0.1, false, null);
        assertEntry(series.get(2), "2026-10-02", 0.05, Health.AT_RISK, 0.2, false, 2); // (0.2 × 1 + 0 × 3) / 4
        assertEntry(series.get(3), "2026-10-03", 0.125, Health.AT_RISK, 0.3, false, 7);
        assertEntry(series.get(4), "2026-10-04", 0.125, Health.OFF_TRACK, 0.4, true, 7); // nothing moved: carried, sliding behind
        assertEntry(series.get(5), "2026-10-05", 0.875, Health.ON_TRACK, 0.5, false, 7); // (0.5 + 1 × 3) / 4
        assertEntry(series.get(6), "2026-10-06", 0.875, Health.ON_TRACK, 0.6, true, 7);
        assertEntry(series.get(7), "2026-10-07", 0.5, Health.AT_RISK, 0.7, false, 7); // B removed: A alone
        assertEntry(series.get(8), "2026-10-08", 0.5, Health.AT_RISK, 0.75, true, 7); // read at now, mid-day
        series.forEach(e -> assertNull(e.score()));
    }

    @Test
    void shouldReadWeeksFromMondayToSunday() {
        List<Span> weeks = Series.spans(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-10"), Bucket.WEEK, NOW);
        assertEquals(2, weeks.size());
        assertEquals(LocalDate.parse("2026-09-28"), weeks.get(0).start()); // the Monday before the 1st, a Thursday
        assertEquals(LocalDate.parse("2026-10-05"), weeks.get(0).end());

        List<Entry> series = Series.objective(history(), MEMBERS, weeks, OPEN);

        assertEntry(series.get(0), "2026-09-28", 0.125, Health.OFF_TRACK, 0.4, false, 7);
        assertEntry(series.get(1), "2026-10-05", 0.5, Health.AT_RISK, 0.75, false, 7);
    }

    @Test
    void shouldReadAKeyResultWithItsValueAndConfidence() {
        List<ProgressPoint> ofA = history().stream().filter(p -> A.equals(p.keyResultId)).toList();
        ofA.get(1).value = 50.0;
        ofA.get(2).value = 20.0;
        List<Entry> series = Series.keyResult(ofA, Series.spans(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-04"), Bucket.DAY, NOW),
                OPEN);

        assertEntry(series.get(0), "2026-10-01", 0.0, Health.ON_TRACK, 0.1, false, null);
        assertEntry(series.get(1), "2026-10-02", 0.2, Health.AT_RISK, 0.2, false, 2);
        assertEquals(20.0, series.get(1).value());
        assertEntry(series.get(2), "2026-10-03", 0.5, Health.ON_TRACK, 0.3, false, 7);
        assertEquals(50.0, series.get(2).value());
        assertEntry(series.get(3), "2026-10-04", 0.5, Health.ON_TRACK, 0.4, true, 7);
    }

    @Test
    void shouldShowAClosedObjectivesScoreFromItsClosingOn() {
        Frame closed = new Frame(OPEN.cycleStart(), OPEN.cycleEnd(), OPEN.rules(), false, Instant.parse("2026-10-08T06:00:00Z"), 0.6);
        List<Entry> series = Series.objective(history(), MEMBERS,
                Series.spans(LocalDate.parse("2026-10-07"), LocalDate.parse("2026-10-08"), Bucket.DAY, NOW), closed);

        assertNull(series.get(0).score());
        assertEquals(Health.AT_RISK, series.get(0).health());
        assertEquals(0.6, series.get(1).score());
        assertEquals(Health.MISSED, series.get(1).health()); // judged by its score, as at the cycle's end
    }

    @Test
    void shouldRefuseARangeBackwardsOrTooLong() {
        assertThrows(IllegalArgumentException.class,
                () -> Series.spans(LocalDate.parse("2026-10-02"), LocalDate.parse("2026-10-01"), Bucket.DAY, NOW));
        String tooMany = assertThrows(IllegalArgumentException.class,
                () -> Series.spans(LocalDate.parse("2020-01-01"), LocalDate.parse("2026-01-01"), Bucket.DAY, NOW)).getMessage();
        assertTrue(tooMany.contains("at most 731"), tooMany);
        assertEquals(314, Series.spans(LocalDate.parse("2020-01-01"), LocalDate.parse("2026-01-01"), Bucket.WEEK, NOW).size());
    }

    @Test
    void shouldCountKeyResultsCreatedWithTheObjectiveFromItsFirstPoint() {
        // written down on the 5th, A checked in dated the 2nd; B, created with it, has only its creation point
        List<ProgressPoint> late = List.of(point(null, "2026-10-05T08:00:00Z", 0, null), point(A, "2026-10-05T08:00:00Z", 0, null),
                point(B, "2026-10-05T08:00:00Z", 0.25, null), point(A, "2026-10-02T09:00:00Z", 0.4, 5),
                point(A, "2026-10-05T08:00:01Z", 0.4, null));
        List<Span> days = Series.spans(LocalDate.parse("2026-10-01"), LocalDate.parse("2026-10-05"), Bucket.DAY, NOW);
        List<Entry> together = Series.objective(late, List.of(new Member(A, 1, null, true), new Member(B, 3, null, true)), days, OPEN);
        assertNull(together.get(0).progress()); // the 1st: nothing yet
        assertEquals(0.2875, together.get(1).progress()); // (0.4 + 0.25 × 3) / 4
        assertEquals(0.2875, together.get(4).progress());
        List<Entry> added = Series.objective(late, List.of(new Member(A, 1, null, true), new Member(B, 3, null, false)), days, OPEN);
        assertEquals(0.4, added.get(1).progress()); // B added later: A alone until B's first point
        assertEquals(0.2875, added.get(4).progress());
    }

    @Test
    void shouldTellAnObjectiveAndItsKeyResultsAsTheyStoodAtAMoment() {
        Series.ObjectiveAt then = Series.at(history(), MEMBERS, Instant.parse("2026-10-04T00:00:00Z"));
        assertEquals(0.125, then.progress());
        assertEquals(7, then.confidence());
        assertEquals(0.5, then.keyResults().get(A).progress());
        assertEquals(Instant.parse("2026-10-03T12:00:00Z"), then.keyResults().get(A).lastCheckInAt());
        assertEquals(0.0, then.keyResults().get(B).progress());
        assertNull(then.keyResults().get(B).confidence());
        // B removed on the 7th: gone the day after
        Series.ObjectiveAt later = Series.at(history(), MEMBERS, Instant.parse("2026-10-08T00:00:00Z"));
        assertEquals(0.5, later.progress());
        assertEquals(java.util.Set.of(A), later.keyResults().keySet());
        // before anything was recorded
        assertNull(Series.at(history(), MEMBERS, Instant.parse("2026-10-01T00:00:00Z")).progress());
    }
}
