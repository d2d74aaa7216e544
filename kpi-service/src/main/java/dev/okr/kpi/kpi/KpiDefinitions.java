package dev.okr.kpi.kpi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.okr.contracts.problem.Problem;
import dev.okr.kpi.formula.Formula;
import dev.okr.kpi.kpi.KpiApi.KpiRequest;
import dev.okr.kpi.status.Target;
import dev.okr.platform.problem.ProblemException;

/** What makes a KPI definition well-formed beyond single fields: each problem names its field. */
public final class KpiDefinitions {

    /** The years a recurring KPI may be anchored in: its periods are counted from the anchor to today. */
    static final int MIN_YEAR = 1970;
    static final int MAX_YEAR = 2199;

    private KpiDefinitions() {
    }

    /**
     * Where a definition's fields disagree, each naming its field; a missing component is the field constraints' to
     * report, and what depends on it is not judged. Runs with them ({@link dev.okr.platform.input.CrossChecked}).
     */
    public static List<Problem.FieldError> problems(KpiRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.key() != null && KpiRepository.idOf(r.key()) != null) {
            errors.add(new Problem.FieldError("key", "must not read as an id (a UUID): ids and keys address KPIs alike"));
        }
        if (r.owner() != null && r.owner().type() != null && r.owner().type() != KpiApi.OwnerType.PERSON) {
            errors.add(new Problem.FieldError("owner.type", "a KPI is owned by a person (PERSON); units and the company own objectives"));
        }
        if (r.target() != null) {
            target(errors, r.target(), r.aggregation() == null ? Aggregation.LAST : r.aggregation());
        }
        if (r.timeframe() == null && r.period() == null) {
            errors.add(new Problem.FieldError("timeframe", KpiApi.COMPONENT.replace("(target, timeframe,", "(target, timeframe or period,")));
        } else if (r.timeframe() != null && r.period() != null) {
            errors.add(new Problem.FieldError("period", "a recurring KPI's time frame is its current period: give period or timeframe, "
                    + "not both"));
        }
        if (r.period() != null && r.period().anchor() != null
                && (r.period().anchor().getYear() < MIN_YEAR || r.period().anchor().getYear() > MAX_YEAR)) {
            errors.add(new Problem.FieldError("period.anchor", "must be a day of the years " + MIN_YEAR + " to " + MAX_YEAR));
        }
        if (r.timeframe() != null && r.timeframe().start() != null && r.timeframe().end() != null) {
            if (!r.timeframe().start().isBefore(r.timeframe().end())) {
                errors.add(new Problem.FieldError("timeframe.end", "must be after timeframe.start (" + r.timeframe().start() + ")"));
            } else if (r.timeframe().start().plusYears(5).isBefore(r.timeframe().end())) {
                errors.add(new Problem.FieldError("timeframe.end", "a time frame spans at most 5 years"));
            }
        }
        if (r.dataSource() != null && r.dataSource().type() != null) {
            dataSource(errors, r.dataSource());
        }
        if (r.target() != null && r.baselineLooksWrong()) {
            errors.add(new Problem.FieldError("target.baseline", "must differ from target.value: otherwise there is no trajectory"));
        }
        return errors;
    }

    /** What is worth knowing about a definition: a target without a baseline is judged as a threshold, not a trajectory. */
    public static List<KpiApi.Warning> warnings(Target target) {
        if (target.operator() != Operator.BETWEEN && target.effectiveBaseline() == null) {
            return List.of(new KpiApi.Warning(KpiApi.Warning.Code.NO_BASELINE, "No baseline: the target is judged as a threshold to "
                    + "hold all along, not as a trajectory from where the KPI started. Give target.baseline if the KPI should move "
                    + "towards the target over its time frame."));
        }
        return List.of();
    }

    private static void target(List<Problem.FieldError> errors, KpiApi.TargetBody target, Aggregation aggregation) {
        finite(errors, "target.change", target.change());
        if (target.value() != null && target.change() != null) {
            errors.add(new Problem.FieldError("target.change", "give the target as value or as change from the baseline, not both"));
        } else if (target.value() == null && target.change() == null) {
            errors.add(new Problem.FieldError("target.value", "a target needs a value, or a change from the baseline (change)"));
        } else if (target.change() != null) {
            if (target.operator() == Operator.BETWEEN) {
                errors.add(new Problem.FieldError("target.change", "a BETWEEN target is a band of values: give value and upperValue"));
            } else if (target.baseline() == null && aggregation != null && !aggregation.accumulates()) {
                errors.add(new Problem.FieldError("target.baseline", "a change is measured from a baseline: give it (only SUM and COUNT "
                        + "start at 0 by themselves)"));
            } else if (target.change() == 0) {
                errors.add(new Problem.FieldError("target.change", "must not be 0: otherwise there is no trajectory"));
            } else if (Double.isFinite(target.change()) && target.resolvedValue(aggregation) != null
                    && !Double.isFinite(target.resolvedValue(aggregation))) {
                errors.add(new Problem.FieldError("target.change", "moves the target beyond what a number can hold"));
            }
        }
        finite(errors, "target.value", target.value());
        finite(errors, "target.upperValue", target.upperValue());
        finite(errors, "target.baseline", target.baseline());
        if (target.operator() == Operator.BETWEEN) {
            if (target.upperValue() == null) {
                errors.add(new Problem.FieldError("target.upperValue", "a BETWEEN target needs its upper value"));
            } else if (target.value() != null && target.upperValue() <= target.value()) {
                errors.add(new Problem.FieldError("target.upperValue", "must be above target.value"));
            }
        } else if (target.operator() != null && target.upperValue() != null) {
            errors.add(new Problem.FieldError("target.upperValue", "only a BETWEEN target has an upper value"));
        }
    }

    private static void dataSource(List<Problem.FieldError> errors, KpiApi.DataSource source) {
        switch (source.type()) {
            case INTEGRATION -> {
                if (source.system() == null || source.system().isBlank()) {
                    errors.add(new Problem.FieldError("dataSource.system", "an INTEGRATION source names its system, e.g. the CRM"));
                }
                if (source.formula() != null) {
                    errors.add(new Problem.FieldError("dataSource.formula", "only a FORMULA source has a formula"));
                }
            }
            case MANUAL -> {
                if (source.formula() != null) {
                    errors.add(new Problem.FieldError("dataSource.formula", "only a FORMULA source has a formula"));
                }
            }
            case FORMULA -> {
                try {
                    Formula.parse(source.formula());
                } catch (ProblemException e) {
                    errors.add(e.toProblem(null).errors().get(0));
                }
            }
        }
    }

    /** Tags, trimmed, lower-case, without repeats, in the order given. */
    public static List<String> tags(List<String> tags) {
        if (tags == null) {
            return List.of();
        }
        Set<String> clean = new LinkedHashSet<>();
        tags.forEach(t -> clean.add(t.trim().toLowerCase(Locale.ROOT)));
        return List.copyOf(clean);
    }

    private static void finite(List<Problem.FieldError> errors, String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            errors.add(new Problem.FieldError(field, "must be a finite number"));
        }
    }
}
