package dev.okr.kpi.status;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

import dev.okr.contracts.events.KpiChanged;
import dev.okr.kpi.tally.MeasurementDays.DimensionDay;
import dev.okr.kpi.tally.Tally;

/**
 * The statuses a KPI's measurements imply over time, stamped when they became true rather than when they were
 * received (#18): values pushed late, or a backfill of weeks, leave the statuses they imply in the status history.
 * <p>
 * From a moment on, the KPI is judged, with what was observed up to then:
 * <ul>
 * <li>at the last observation of each day that has measurements (a day's measurements count together);</li>
 * <li>when it fell silent for longer than its frequency allows (its newest observation + 1.5 periods, or a
 * dimension value's), if no observation came before that day;</li>
 * <li>at the end of its time frame, once passed;</li>
 * <li>and now.</li>
 * </ul>
 * Of those judgements, each that differs in status from the one before is a change of the status history.
 */
public final class StatusTimeline {

    /** A status the KPI had from {@code at} on, with its value then. */
    public record Change(Instant at, KpiStatus status, String reason, Double value) {
    }

    private StatusTimeline() {
    }

    /**
     * @param before   the tallies per dimension value (key null: measurements without one) of the time frame's days
     *                 before {@code from}'s day
     * @param days     the tallies of the days from {@code from}'s day on, in any order
     * @param from     the moment the history is judged again from; its day's measurements all count
     * @param previous the status the history held just before {@code from}, or null
     * @return the changes from {@code from} up to {@code now}, oldest first
     */
    public static List<Change> replay(Target target, boolean grouped, Map<String, Tally> before, List<DimensionDay> days,
            Instant from, Instant now, KpiStatus previous) {
        Map<String, Tally> seen = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
        seen.putAll(before);
        Map<Instant, List<DimensionDay>> byDay = new TreeMap<>();
        for (DimensionDay d : days) {
            byDay.computeIfAbsent(d.day(), x -> new ArrayList<>()).add(d);
        }
        Instant endsAt = target.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Change> changes = new ArrayList<>();
        KpiStatus[] last = {previous};
        // the moments are judged in order: each silence once, none before the last moment judged
        Instant[] judged = {null};
        Consumer<Instant> judge = at -> {
            Change c = judge(target, grouped, seen, at);
            judged[0] = at;
            if (c.status() != last[0]) {
                changes.add(c);
                last[0] = c.status();
            }
        };
        for (Map.Entry<Instant, List<DimensionDay>> day : byDay.entrySet()) {
            Instant dayStart = day.getKey().truncatedTo(ChronoUnit.DAYS);
            for (Instant silent : silences(target, seen, after(from, judged[0]), min(dayStart, now))) {
                judge.accept(silent);
            }
            Instant observed = null;
            for (DimensionDay d : day.getValue()) {
                seen.merge(d.dimension(), d.tally(), Tally::plus);
                if (!d.tally().isEmpty() && (observed == null || d.tally().lastAt().isAfter(observed))) {
                    observed = d.tally().lastAt();
                }
            }
            if (observed != null && !observed.isBefore(from) && observed.isBefore(now)) {
                judge.accept(observed);
            }
        }
        for (Instant silent : silences(target, seen, after(from, judged[0]), min(endsAt, now))) {
            judge.accept(silent);
        }
        if (!endsAt.isAfter(now) && !endsAt.isBefore(from)) {
            judge.accept(endsAt);
        }
        judge.accept(now);
        return changes;
    }

    /**
     * The KPI's value at the last observation of each day in {@code days} (before {@code now}), oldest first: what the
     * key results that follow it show for those days.
     */
    public static List<KpiChanged.Observed> values(Target target, Map<String, Tally> before, List<DimensionDay> days, Instant now) {
        Tally seen = Tally.NONE;
        for (Tally t : before.values()) {
            seen = seen.plus(t);
        }
        Map<Instant, List<DimensionDay>> byDay = new TreeMap<>();
        for (DimensionDay d : days) {
            byDay.computeIfAbsent(d.day(), x -> new ArrayList<>()).add(d);
        }
        List<KpiChanged.Observed> values = new ArrayList<>();
        for (List<DimensionDay> day : byDay.values()) {
            for (DimensionDay d : day) {
                seen = seen.plus(d.tally());
            }
            if (seen.lastAt() != null && seen.lastAt().isBefore(now)) {
                values.add(new KpiChanged.Observed(seen.lastAt(), target.aggregation().of(seen)));
            }
        }
        return values;
    }

    /** The KPI judged at {@code at} on the tallies {@code seen}: the live rules, as {@code KpiStateUpdater} applies them. */
    static Change judge(Target target, boolean grouped, Map<String, Tally> seen, Instant at) {
        Tally overall = Tally.NONE;
        Map<String, Evaluation> byDimension = new TreeMap<>();
        for (Map.Entry<String, Tally> e : seen.entrySet()) {
            overall = overall.plus(e.getValue());
            if (grouped && e.getKey() != null && !e.getValue().isEmpty()) {
                byDimension.put(e.getKey(), KpiStatusRules.evaluate(target, target.aggregation().of(e.getValue()),
                        e.getValue().lastAt(), at));
            }
        }
        Double value = target.aggregation().of(overall);
        Evaluation evaluation = grouped && !byDimension.isEmpty() ? KpiStatusRules.overall(byDimension)
                : KpiStatusRules.evaluate(target, value, overall.lastAt(), at);
        return new Change(at, evaluation.status(), evaluation.reason(), value);
    }

    /**
     * The moments in [from, until) at which the newest observation so far, or a dimension value's, had been
     * silent too long (1.5 tracking periods): just after its last moment of freshness.
     */
    private static TreeSet<Instant> silences(Target target, Map<String, Tally> seen, Instant from, Instant until) {
        TreeSet<Instant> moments = new TreeSet<>();
        Instant newest = null;
        for (Tally t : seen.values()) {
            if (!t.isEmpty()) {
                moments.add(stale(target, t.lastAt()));
                newest = newest == null || t.lastAt().isAfter(newest) ? t.lastAt() : newest;
            }
        }
        if (newest != null) {
            moments.add(stale(target, newest));
        }
        moments.removeIf(m -> m.isBefore(from) || !m.isBefore(until));
        return moments;
    }

    /** The first moment not judged yet: {@code from}, or just after the last moment judged. */
    private static Instant after(Instant from, Instant judged) {
        return judged == null || judged.isBefore(from) ? from : judged.plusNanos(1);
    }

    private static Instant stale(Target target, Instant lastAt) {
        return lastAt.plus(target.frequency().staleAfter()).plusMillis(1);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
