package dev.okr.objectives.history;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.okr.objectives.scoring.Health;
import dev.okr.objectives.scoring.HealthRules;
import dev.okr.objectives.scoring.Progress;
import dev.okr.objectives.scoring.Timeline;

/**
 * Progress over time, for a burn-up chart: the days (or ISO weeks, Monday to Sunday, UTC) from one date to another, each
 * with the state at its end — the last value of the bucket, or, when nothing changed in it, the previous bucket's
 * value carried forward (and flagged so) — beside the progress the cycle's elapsed share expects by then.
 *
 * <p>An objective's progress at a moment is the weighted mean of its key results' progress as each stood then (each
 * key result's last point before that moment; a key result counts from its first point until it was removed, or, if it
 * was created with the objective, for as long as the objective has a history); an objective without key results then
 * takes its own last point (its roll-up). Its health is judged at that moment as it would have been then, with the
 * latest confidence checked in by then. A check-in dated in the past holds from its date until the key result's next
 * recorded change: it changes the buckets from its date on, and nothing before.
 */
public final class Series {

    public enum Bucket {
        DAY, WEEK
    }

    /** At most this many buckets in one series. */
    public static final int MAX_BUCKETS = 731;

    /** A bucket: the days [start, end) of UTC, read at {@code until} (its end, or now for the bucket under way). */
    public record Span(LocalDate start, LocalDate end, Instant until) {

        Instant startsAt() {
            return start.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /**
     * A key result as the series needs it: its weight in the objective, when it was removed (null: in use), and whether it
     * was created with the objective (then it counts for as long as the objective has a history, before its own first
     * point at that point's progress — as when an objective is written down late and its check-ins dated back).
     */
    public record Member(UUID id, double weight, Instant removedAt, boolean withObjective) {
    }

    /**
     * One bucket's reading. {@code progress} (and what follows from it) is null before there was anything to read;
     * {@code value} and {@code confidence} are a key result's; {@code score} a closed objective's, from its closing on.
     */
    public record Entry(LocalDate start, LocalDate end, Instant at, Double progress, Double value, Integer confidence,
            Health health, Double score, double expected, boolean carried) {
    }

    /** What the series is about: its cycle, how health is judged, and (closed) its score from when. */
    public record Frame(LocalDate cycleStart, LocalDate cycleEnd, HealthRules rules, boolean aspirational, Instant closedAt,
            Double score) {

        double expected(Instant at) {
            return new Timeline(cycleStart, cycleEnd).elapsedFraction(at);
        }

        Health health(double progress, Instant at, Integer confidence) {
            return rules.assess(progress, cycleStart, cycleEnd, at, confidence, aspirational).health();
        }

        /** A closed objective is judged by its score, as at the end of its cycle. */
        Health closedHealth(double score, Instant at) {
            Instant end = new Timeline(cycleStart, cycleEnd).endsAt();
            return rules.assess(score, cycleStart, cycleEnd, at.isAfter(end) ? at : end, null, aspirational).health();
        }

        Double scoreAt(Instant at) {
            return closedAt != null && closedAt.isBefore(at) ? score : null;
        }
    }

    private Series() {
    }

    /**
     * The buckets from {@code from} to {@code to} (both included, UTC days) that have begun by {@code now}; a week
     * bucket begins on the Monday of its week. Throws {@link IllegalArgumentException} when {@code to} is before
     * {@code from} or there would be more than {@link #MAX_BUCKETS}.
     */
    public static List<Span> spans(LocalDate from, LocalDate to, Bucket bucket, Instant now) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("to (" + to + ") is before from (" + from + ")");
        }
        LocalDate first = bucket == Bucket.WEEK ? from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : from;
        int step = bucket == Bucket.WEEK ? 7 : 1;
        long count = (to.toEpochDay() - first.toEpochDay()) / step + 1;
        if (count > MAX_BUCKETS) {
            throw new IllegalArgumentException(count + " buckets of a " + bucket.name().toLowerCase() + " from " + from + " to "
                    + to + ": at most " + MAX_BUCKETS + " in one series");
        }
        List<Span> spans = new ArrayList<>();
        for (LocalDate start = first; !start.isAfter(to); start = start.plusDays(step)) {
            LocalDate end = start.plusDays(step);
            Instant startsAt = start.atStartOfDay(ZoneOffset.UTC).toInstant();
            if (!startsAt.isBefore(now)) {
                break;
            }
            Instant endsAt = end.atStartOfDay(ZoneOffset.UTC).toInstant();
            spans.add(new Span(start, end, endsAt.isAfter(now) ? now : endsAt));
        }
        return spans;
    }

    /** An objective's series from its points and its key results' (any order), for these key results. */
    public static List<Entry> objective(List<ProgressPoint> points, List<Member> keyResults, List<Span> spans, Frame frame) {
        Map<UUID, Member> members = new HashMap<>();
        keyResults.forEach(m -> members.put(m.id(), m));
        List<ProgressPoint> sorted = sorted(points);
        List<Entry> entries = new ArrayList<>();
        for (Span span : spans) {
            Instant t = span.until();
            Double progress = objectiveAt(sorted, members, t);
            Integer confidence = confidenceAt(sorted, t);
            boolean carried = progress != null && sorted.stream().noneMatch(p -> within(p, span));
            entries.add(entry(span, progress, null, confidence, carried, frame, frame.scoreAt(t)));
        }
        return entries;
    }

    /** A key result's series from its points (any order). */
    public static List<Entry> keyResult(List<ProgressPoint> points, List<Span> spans, Frame frame) {
        List<ProgressPoint> sorted = sorted(points);
        List<Entry> entries = new ArrayList<>();
        for (Span span : spans) {
            Instant t = span.until();
            ProgressPoint last = lastBefore(sorted, t);
            Integer confidence = confidenceAt(sorted, t);
            boolean carried = last != null && sorted.stream().noneMatch(p -> within(p, span));
            entries.add(entry(span, last == null ? null : last.progress, last == null ? null : last.value, confidence, carried, frame,
                    null));
        }
        return entries;
    }

    /** A key result as it stood at a moment: its progress and value, and its latest check-in's confidence and date. */
    public record KeyResultAt(double progress, Double value, Integer confidence, Instant lastCheckInAt) {
    }

    /** An objective as it stood at a moment: its progress (null: nothing recorded yet), and its key results then, by id. */
    public record ObjectiveAt(Double progress, Integer confidence, Map<UUID, KeyResultAt> keyResults) {
    }

    /** The objective and its key results just before {@code t}, by the same rules as a series' bucket. */
    public static ObjectiveAt at(List<ProgressPoint> points, List<Member> keyResults, Instant t) {
        Map<UUID, Member> members = new HashMap<>();
        keyResults.forEach(m -> members.put(m.id(), m));
        List<ProgressPoint> sorted = sorted(points);
        Map<UUID, KeyResultAt> at = new HashMap<>();
        for (Member m : keyResults) {
            if (m.removedAt() != null && m.removedAt().isBefore(t)) {
                continue;
            }
            List<ProgressPoint> own = sorted.stream().filter(p -> m.id().equals(p.keyResultId)).toList();
            ProgressPoint last = lastBefore(own, t);
            if (last == null && m.withObjective() && !own.isEmpty() && !sorted.isEmpty() && sorted.get(0).at.isBefore(t)) {
                last = own.get(0); // created with the objective: from the objective's first point, at its own first
            }
            if (last == null) {
                continue;
            }
            ProgressPoint checkedIn = null;
            for (ProgressPoint p : own) {
                if (p.at.isBefore(t) && p.confidence != null) {
                    checkedIn = p;
                }
            }
            at.put(m.id(), new KeyResultAt(round(last.progress), last.value, checkedIn == null ? null : checkedIn.confidence,
                    checkedIn == null ? null : checkedIn.at));
        }
        Double progress = objectiveAt(sorted, members, t);
        return new ObjectiveAt(progress == null ? null : round(progress), confidenceAt(sorted, t), at);
    }

    /** The objective's progress just before {@code t}: see the class comment. Null before anything was recorded. */
    static Double objectiveAt(List<ProgressPoint> sorted, Map<UUID, Member> members, Instant t) {
        Map<UUID, ProgressPoint> latest = new HashMap<>();
        ProgressPoint own = null;
        for (ProgressPoint p : sorted) {
            if (!p.at.isBefore(t)) {
                break;
            }
            if (p.keyResultId == null) {
                own = p;
            } else {
                latest.put(p.keyResultId, p);
            }
        }
        if (!sorted.isEmpty() && sorted.get(0).at.isBefore(t)) {
            // those created with the objective count from its first point, at the progress of their own first
            for (ProgressPoint p : sorted) {
                Member m = p.keyResultId == null ? null : members.get(p.keyResultId);
                if (m != null && m.withObjective()) {
                    latest.putIfAbsent(p.keyResultId, p);
                }
            }
        }
        List<Progress.Weighted> weighted = new ArrayList<>();
        for (Map.Entry<UUID, ProgressPoint> e : latest.entrySet()) {
            Member m = members.get(e.getKey());
            if (m != null && (m.removedAt() == null || !m.removedAt().isBefore(t))) {
                weighted.add(new Progress.Weighted(e.getValue().progress, m.weight()));
            }
        }
        Double progress = Progress.objective(weighted);
        if (progress != null) {
            return progress;
        }
        return own == null ? null : own.progress;
    }

    /** The confidence of the latest check-in before {@code t}, or null. */
    static Integer confidenceAt(List<ProgressPoint> sorted, Instant t) {
        Integer confidence = null;
        for (ProgressPoint p : sorted) {
            if (!p.at.isBefore(t)) {
                break;
            }
            if (p.confidence != null) {
                confidence = p.confidence;
            }
        }
        return confidence;
    }

    private static Entry entry(Span span, Double progress, Double value, Integer confidence, boolean carried, Frame frame,
            Double score) {
        Instant t = span.until();
        Health health = score != null ? frame.closedHealth(score, t) : progress == null ? null : frame.health(progress, t, confidence);
        return new Entry(span.start(), span.end(), t, progress == null ? null : round(progress), value, confidence, health, score,
                round(frame.expected(t)), carried);
    }

    private static ProgressPoint lastBefore(List<ProgressPoint> sorted, Instant t) {
        ProgressPoint last = null;
        for (ProgressPoint p : sorted) {
            if (!p.at.isBefore(t)) {
                break;
            }
            last = p;
        }
        return last;
    }

    private static boolean within(ProgressPoint p, Span span) {
        return !p.at.isBefore(span.startsAt()) && p.at.isBefore(span.until());
    }

    private static List<ProgressPoint> sorted(List<ProgressPoint> points) {
        List<ProgressPoint> sorted = new ArrayList<>(points);
        sorted.sort(Comparator.comparing((ProgressPoint p) -> p.at).thenComparing(p -> p.recordedAt));
        return sorted;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }
}
