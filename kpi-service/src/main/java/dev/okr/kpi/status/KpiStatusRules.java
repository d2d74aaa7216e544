package dev.okr.kpi.status;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

import dev.okr.kpi.kpi.Operator;

/**
 * A KPI's status (DESIGN.md §2):
 * <ul>
 * <li>{@code NO_DATA}: no value, or the newest measurement is older than 1.5 tracking periods;</li>
 * <li>with a baseline (given, or 0 for SUM/COUNT) the target is a trajectory: expected today
 * {@code baseline + (target − baseline) × elapsed share of the time frame}; without one it is a
 * threshold to hold all along;</li>
 * <li>{@code ON_TRACK} when the value meets the expected value in the operator's direction,
 * {@code AT_RISK} when it misses by at most the at-risk band, else {@code OFF_TRACK};</li>
 * <li>after the time frame, {@code ACHIEVED} or {@code MISSED} against the target itself.</li>
 * </ul>
 */
public final class KpiStatusRules {

    private static final double EPSILON = 1e-9;

    private KpiStatusRules() {
    }

    /**
     * @param value          the KPI's current value (its aggregation over [start, now]), or null without one
     * @param lastMeasuredAt when the newest measurement in the time frame was observed, or null
     */
    public static Evaluation evaluate(Target t, Double value, Instant lastMeasuredAt, Instant now) {
        Instant startsAt = t.start().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant endsAt = t.end().plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        if (!now.isBefore(endsAt)) {
            return afterTheTimeFrame(t, value);
        }
        if (value == null || lastMeasuredAt == null) {
            return new Evaluation(KpiStatus.NO_DATA, "no value yet, expected " + t.frequency().adverb(), null);
        }
        if (lastMeasuredAt.plus(t.frequency().staleAfter()).isBefore(now)) {
            return new Evaluation(KpiStatus.NO_DATA, "no value since " + LocalDate.ofInstant(lastMeasuredAt, ZoneOffset.UTC)
                    + ", expected " + t.frequency().adverb(), null);
        }
        if (t.operator() == Operator.BETWEEN) {
            return band(t, value);
        }
        Double baseline = t.effectiveBaseline();
        if (baseline == null) {
            return threshold(t, value);
        }
        double elapsed = Math.max(0, Math.min(1,
                (double) (now.toEpochMilli() - startsAt.toEpochMilli()) / (endsAt.toEpochMilli() - startsAt.toEpochMilli())));
        double expected = baseline + (t.value() - baseline) * elapsed;
        double band = t.atRiskBand() * Math.abs(t.value() - baseline);
        double miss = miss(t.operator(), value, expected);
        String so = format(value, t.unit()) + (t.aggregation().accumulates() ? " so far, " : " now, ")
                + format(expected, t.unit()) + " expected by today: ";
        if (miss <= EPSILON) {
            String pace = Math.abs(value - expected) <= EPSILON ? "on pace" : "ahead of pace";
            return new Evaluation(KpiStatus.ON_TRACK, so + pace, expected);
        }
        KpiStatus status = miss <= band + EPSILON ? KpiStatus.AT_RISK : KpiStatus.OFF_TRACK;
        return new Evaluation(status, so + "behind pace by " + gap(miss, t.unit()), expected,
                relative(miss, t.value() - baseline));
    }

    /** The worst status of several (one per dimension value); ties keep the first. */
    public static KpiStatus worst(Collection<KpiStatus> statuses) {
        return statuses.stream().max(Comparator.comparingInt(KpiStatus::severity)).orElse(KpiStatus.NO_DATA);
    }

    /**
     * A grouped KPI's overall status: the worst of its dimension values', explained by the count on track
     * and the worst one ("1 of 2 on track; worst: gemini: 9.5 % now, target at least 10 %: 0.5 pp short") — of
     * those with the worst status, the one furthest from its target relative to the target (ties: the first).
     */
    public static Evaluation overall(Map<String, Evaluation> byDimension) {
        KpiStatus worst = worst(byDimension.values().stream().map(Evaluation::status).toList());
        long fine = byDimension.values().stream()
                .filter(e -> e.status() == KpiStatus.ON_TRACK || e.status() == KpiStatus.ACHIEVED).count();
        Map.Entry<String, Evaluation> worstOne = null;
        for (Map.Entry<String, Evaluation> e : byDimension.entrySet()) {
            if (e.getValue().status() == worst && (worstOne == null || e.getValue().shortfall() > worstOne.getValue().shortfall())) {
                worstOne = e;
            }
        }
        return new Evaluation(worst, fine + " of " + byDimension.size() + " on track; worst: " + worstOne.getKey() + ": "
                + worstOne.getValue().reason(), null);
    }

    private static Evaluation threshold(Target t, double value) {
        double miss = miss(t.operator(), value, t.value());
        double band = t.atRiskBand() * Math.abs(t.value());
        // said plainly: without a baseline there is no trajectory, only a line to stay on the right side of
        String now = format(value, t.unit()) + " now, target " + (t.operator() == Operator.AT_LEAST ? "at least " : "at most ")
                + format(t.value(), t.unit()) + " (a threshold: no baseline): ";
        if (miss <= EPSILON) {
            return new Evaluation(KpiStatus.ON_TRACK, now + "on track", t.value());
        }
        KpiStatus status = miss <= band + EPSILON ? KpiStatus.AT_RISK : KpiStatus.OFF_TRACK;
        return new Evaluation(status, now + gap(miss, t.unit()) + (t.operator() == Operator.AT_LEAST ? " short" : " over"), t.value(),
                relative(miss, t.value()));
    }

    private static Evaluation band(Target t, double value) {
        double lo = t.value();
        double hi = t.upperValue() == null ? t.value() : t.upperValue();
        double miss = value < lo ? lo - value : (value > hi ? value - hi : 0);
        double width = hi - lo > 0 ? hi - lo : Math.abs(lo);
        String now = format(value, t.unit()) + " now, target between " + format(lo, t.unit()) + " and " + format(hi, t.unit()) + ": ";
        if (miss <= EPSILON) {
            return new Evaluation(KpiStatus.ON_TRACK, now + "within", null);
        }
        KpiStatus status = miss <= t.atRiskBand() * width + EPSILON ? KpiStatus.AT_RISK : KpiStatus.OFF_TRACK;
        return new Evaluation(status, now + gap(miss, t.unit()) + (value < lo ? " below" : " above"), null, relative(miss, width));
    }

    private static Evaluation afterTheTimeFrame(Target t, Double value) {
        if (value == null) {
            return new Evaluation(KpiStatus.MISSED, "the time frame ended without a value", null);
        }
        boolean met = switch (t.operator()) {
            case AT_LEAST -> value + EPSILON >= t.value();
            case AT_MOST -> value - EPSILON <= t.value();
            case BETWEEN -> value + EPSILON >= t.value() && value - EPSILON <= (t.upperValue() == null ? t.value() : t.upperValue());
        };
        String target = switch (t.operator()) {
            case AT_LEAST -> "at least " + format(t.value(), t.unit());
            case AT_MOST -> "at most " + format(t.value(), t.unit());
            case BETWEEN -> "between " + format(t.value(), t.unit()) + " and " + format(t.upperValue(), t.unit());
        };
        return new Evaluation(met ? KpiStatus.ACHIEVED : KpiStatus.MISSED,
                "ended at " + format(value, t.unit()) + ", target " + target + ": " + (met ? "achieved" : "missed"), null);
    }

    /** How far {@code value} falls short of {@code expected} in the operator's direction (≤ 0: met). */
    private static double miss(Operator operator, double value, double expected) {
        return operator == Operator.AT_MOST ? value - expected : expected - value;
    }

    /** {@code miss} as a share of the size of what was asked ({@code reference}); a miss of a zero target counts whole. */
    private static double relative(double miss, double reference) {
        return Math.abs(reference) < EPSILON ? miss : miss / Math.abs(reference);
    }

    /**
     * A distance between two values, as a reason writes it: a difference of percentages in percentage points
     * ("5 pp"), and one too small to show at two decimals as "less than 0.01" rather than "0".
     */
    static String gap(double miss, String unit) {
        boolean percent = "percent".equals(unit) || "%".equals(unit);
        String shown = miss < 0.005 ? "less than 0.01" : format(miss, null);
        if (percent) {
            return shown + " pp";
        }
        return unit == null || unit.isBlank() || unit.equals("number") ? shown : shown + " " + unit;
    }

    static String format(Double value, String unit) {
        if (value == null) {
            return "none";
        }
        String number = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
        if (unit == null || unit.isBlank() || unit.equals("number")) {
            return number;
        }
        if (unit.equals("percent") || unit.equals("%")) {
            return number + " %";
        }
        return number + " " + unit;
    }
}
