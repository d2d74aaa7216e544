package dev.okr.kpi.kpi;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.okr.contracts.problem.Problem;
import dev.okr.kpi.formula.Formula;
import dev.okr.kpi.kpi.KpiApi.KpiRequest;
import dev.okr.platform.problem.ProblemException;

/** What makes a KPI definition well-formed beyond single fields: each problem names its field. */
public final class KpiDefinitions {

    private KpiDefinitions() {
    }

    public static void check(KpiRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r.key() != null && KpiRepository.idOf(r.key()) != null) {
            errors.add(new Problem.FieldError("key", "must not read as an id (a UUID): ids and keys address KPIs alike"));
        }
        finite(errors, "target.value", r.target().value());
        finite(errors, "target.upperValue", r.target().upperValue());
        finite(errors, "target.baseline", r.target().baseline());
        if (r.target().operator() == Operator.BETWEEN) {
            if (r.target().upperValue() == null) {
                errors.add(new Problem.FieldError("target.upperValue", "a BETWEEN target needs its upper value"));
            } else if (r.target().upperValue() <= r.target().value()) {
                errors.add(new Problem.FieldError("target.upperValue", "must be above target.value"));
            }
        } else if (r.target().upperValue() != null) {
            errors.add(new Problem.FieldError("target.upperValue", "only a BETWEEN target has an upper value"));
        }
        if (!r.timeframe().start().isBefore(r.timeframe().end())) {
            errors.add(new Problem.FieldError("timeframe.end", "must be after timeframe.start (" + r.timeframe().start() + ")"));
        } else if (r.timeframe().start().plusYears(5).isBefore(r.timeframe().end())) {
            errors.add(new Problem.FieldError("timeframe.end", "a time frame spans at most 5 years"));
        }
        switch (r.dataSource().type()) {
            case INTEGRATION -> {
                if (r.dataSource().system() == null || r.dataSource().system().isBlank()) {
                    errors.add(new Problem.FieldError("dataSource.system", "an INTEGRATION source names its system, e.g. the CRM"));
                }
                if (r.dataSource().formula() != null) {
                    errors.add(new Problem.FieldError("dataSource.formula", "only a FORMULA source has a formula"));
                }
            }
            case MANUAL -> {
                if (r.dataSource().formula() != null) {
                    errors.add(new Problem.FieldError("dataSource.formula", "only a FORMULA source has a formula"));
                }
            }
            case FORMULA -> {
                try {
                    Formula.parse(r.dataSource().formula());
                } catch (ProblemException e) {
                    errors.add(e.toProblem(null).errors().get(0));
                }
            }
        }
        if (r.baselineLooksWrong()) {
            errors.add(new Problem.FieldError("target.baseline", "must differ from target.value: otherwise there is no trajectory"));
        }
        if (!errors.isEmpty()) {
            String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid: see errors.";
            throw new ProblemException(400, "validation", "Invalid request", detail, errors);
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
