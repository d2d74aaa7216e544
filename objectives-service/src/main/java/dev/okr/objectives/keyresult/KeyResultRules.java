package dev.okr.objectives.keyresult;

import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.okr.contracts.problem.Problem;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.scoring.Progress;
import dev.okr.platform.problem.ProblemException;

/**
 * What makes a key result well-defined for its type, and its progress. Each problem names its field.
 */
public final class KeyResultRules {

    private static final Set<String> UNITS = Set.of("number", "percent", "duration");

    private KeyResultRules() {
    }

    /** Checks a definition; returns the normalised unit (null for non-numeric types). */
    public static String check(KeyResultRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String unit = evaluate(r, errors);
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid: see errors.";
            throw new ProblemException(400, "validation", "Invalid request", detail, errors);
        }
        return unit;
    }

    /**
     * What is wrong with a definition for its type, each naming its field; nothing without a type (the field
     * constraint says so). Runs with the field constraints ({@link dev.okr.platform.input.CrossChecked}).
     */
    public static List<Problem.FieldError> problems(KeyResultRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.type() != null) {
            evaluate(r, errors);
        }
        return errors;
    }

    private static String evaluate(KeyResultRequest r, List<Problem.FieldError> errors) {
        finite(errors, "start", r.start());
        finite(errors, "target", r.target());
        finite(errors, "currentValue", r.current());
        finite(errors, "weight", r.weight());
        String unit = null;
        switch (r.type()) {
            case NUMERIC -> {
                if (r.start() == null) {
                    errors.add(new Problem.FieldError("start", "a NUMERIC key result needs a start value"));
                }
                if (r.target() == null) {
                    errors.add(new Problem.FieldError("target", "a NUMERIC key result needs a target value"));
                }
                if (r.start() != null && r.target() != null && r.start().equals(r.target())) {
                    errors.add(new Problem.FieldError("target", "must differ from start: otherwise the key result has no direction"));
                }
                unit = unit(errors, r.unit());
                notUsed(errors, "milestones", r.milestones() != null && !r.milestones().isEmpty(), r.type());
                notUsed(errors, "kpiId", r.kpiId() != null, r.type());
            }
            case BOOLEAN -> {
                notUsed(errors, "start", r.start() != null, r.type());
                notUsed(errors, "target", r.target() != null, r.type());
                notUsed(errors, "currentValue", r.current() != null, r.type());
                notUsed(errors, "unit", r.unit() != null, r.type());
                notUsed(errors, "milestones", r.milestones() != null && !r.milestones().isEmpty(), r.type());
                notUsed(errors, "kpiId", r.kpiId() != null, r.type());
            }
            case MILESTONES -> {
                if (r.milestones() == null || r.milestones().isEmpty()) {
                    errors.add(new Problem.FieldError("milestones", "a MILESTONES key result needs at least one milestone"));
                }
                notUsed(errors, "start", r.start() != null, r.type());
                notUsed(errors, "target", r.target() != null, r.type());
                notUsed(errors, "currentValue", r.current() != null, r.type());
                notUsed(errors, "unit", r.unit() != null, r.type());
                notUsed(errors, "kpiId", r.kpiId() != null, r.type());
            }
            case KPI_LINKED -> {
                if (r.kpiId() == null) {
                    errors.add(new Problem.FieldError("kpiId", "a KPI_LINKED key result needs the KPI it follows"));
                }
                if (r.start() != null && r.target() != null && r.start().equals(r.target())) {
                    errors.add(new Problem.FieldError("target", "must differ from start: otherwise the key result has no direction"));
                }
                unit = r.unit() == null ? null : unit(errors, r.unit());
                notUsed(errors, "currentValue", r.current() != null, r.type());
                notUsed(errors, "milestones", r.milestones() != null && !r.milestones().isEmpty(), r.type());
            }
        }
        return unit;
    }

    /** The progress of a stored key result, in [0, 1]. */
    public static double progress(KeyResult kr, List<Milestone> milestones) {
        return switch (kr.type) {
            case NUMERIC, KPI_LINKED -> kr.startValue == null || kr.targetValue == null || kr.currentValue == null ? 0
                    : Progress.numeric(kr.startValue, kr.targetValue, kr.currentValue, direction(kr.direction));
            case BOOLEAN -> Progress.bool(kr.done);
            case MILESTONES -> Progress.milestones(milestones.stream()
                    .map(m -> new Progress.Milestone(m.weight, m.completedAt != null)).toList());
        };
    }

    /** The progress a NUMERIC or KPI_LINKED key result would have at {@code value}. */
    public static double progress(KeyResult kr, double value) {
        return kr.startValue == null || kr.targetValue == null ? 0
                : Progress.numeric(kr.startValue, kr.targetValue, value, direction(kr.direction));
    }

    private static Progress.Direction direction(String operator) {
        if ("AT_LEAST".equals(operator)) {
            return Progress.Direction.AT_LEAST;
        }
        return "AT_MOST".equals(operator) ? Progress.Direction.AT_MOST : Progress.Direction.EXACTLY;
    }

    private static String unit(List<Problem.FieldError> errors, String unit) {
        if (unit == null || unit.isBlank()) {
            return "number";
        }
        String lower = unit.trim().toLowerCase(Locale.ROOT);
        if (UNITS.contains(lower)) {
            return lower;
        }
        String code = unit.trim().toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError("unit", "must be number, percent, duration or an ISO 4217 currency code such as USD"));
            return null;
        }
    }

    private static void finite(List<Problem.FieldError> errors, String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            errors.add(new Problem.FieldError(field, "must be a finite number"));
        }
    }

    private static void notUsed(List<Problem.FieldError> errors, String field, boolean present, KeyResult.Type type) {
        if (present) {
            errors.add(new Problem.FieldError(field, "not used by " + type + " key results: leave it out"));
        }
    }
}
