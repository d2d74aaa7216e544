package dev.okr.kpi.series;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.okr.kpi.formula.Formula;
import dev.okr.kpi.kpi.Aggregation;
import dev.okr.kpi.series.SeriesApi.Point;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.kpi.tally.Tally;
import dev.okr.platform.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A FORMULA KPI with its inputs, down to the KPIs that are measured (a formula may read another formula): what its series
 * and trend are computed from. A measured KPI's value over a span is its aggregation of its measurements there; a
 * formula's is its formula over its inputs' values of the same span (an input without one is left out: the formula
 * then has none).
 */
public record FormulaTree(UUID id, String key, Aggregation aggregation, Formula formula, List<FormulaTree> inputs, LocalDate start,
        LocalDate end) {

    /** How deep formulas may read formulas: deeper is refused (definitions never come close). */
    static final int MAX_DEPTH = 8;

    public boolean measured() {
        return formula == null;
    }

    /** Loads the tree under a KPI (its inputs' definitions, recursively), each with its time frame (start and end day). */
    public static Uni<FormulaTree> load(SqlClient c, UUID id, String key, Aggregation aggregation, String formula, LocalDate start,
            LocalDate end) {
        return load(c, id, key, aggregation, formula, start, end, 0);
    }

    private static Uni<FormulaTree> load(SqlClient c, UUID id, String key, Aggregation aggregation, String formula, LocalDate start,
            LocalDate end, int depth) {
        if (formula == null) {
            return Uni.createFrom().item(new FormulaTree(id, key, aggregation, null, List.of(), start, end));
        }
        if (depth >= MAX_DEPTH) {
            throw new ProblemException(422, "formula-too-deep", "Formula too deep", "KPI " + key + " reads formulas more than "
                    + MAX_DEPTH + " deep: its series cannot be computed.", null);
        }
        Formula parsed = Formula.parse(formula);
        return c.preparedQuery("select k.id, k.key, k.aggregation, k.formula, k.timeframe_start, k.timeframe_end from kpi_formula_input f "
                + "join kpi k on k.id = f.input_kpi_id "
                + "where f.formula_kpi_id = $1 order by k.key").execute(Tuple.of(id)).chain(rows -> {
                    List<Row> inputs = new ArrayList<>();
                    rows.forEach(inputs::add);
                    Uni<List<FormulaTree>> loaded = Uni.createFrom().item(new ArrayList<>());
                    for (Row r : inputs) {
                        loaded = loaded.chain(list -> load(c, r.getUUID("id"), r.getString("key"), Aggregation.valueOf(r.getString("aggregation")),
                                r.getString("formula"), r.getLocalDate("timeframe_start"), r.getLocalDate("timeframe_end"), depth + 1)
                                .map(input -> {
                                    list.add(input);
                                    return list;
                                }));
                    }
                    return loaded.map(list -> new FormulaTree(id, key, aggregation, parsed, List.copyOf(list), start, end));
                });
    }

    /** The measured KPIs under this one (itself, when it is measured), each once. */
    public List<FormulaTree> leaves() {
        Map<UUID, FormulaTree> leaves = new LinkedHashMap<>();
        collect(leaves);
        return List.copyOf(leaves.values());
    }

    private void collect(Map<UUID, FormulaTree> leaves) {
        if (measured()) {
            leaves.putIfAbsent(id, this);
        } else {
            inputs.forEach(input -> input.collect(leaves));
        }
    }

    /** Its points from the measured KPIs' points (by id), bucket by bucket. */
    public List<Point> points(List<Instant> starts, Map<UUID, List<Point>> measuredPoints) {
        if (measured()) {
            return measuredPoints.get(id);
        }
        Map<String, List<Point>> byKey = new TreeMap<>();
        inputs.forEach(input -> byKey.put(input.key(), input.points(starts, measuredPoints)));
        return Buckets.combine(starts, byKey, values -> formula.evaluate(values).value());
    }

    /** Its value from the measured KPIs' tallies of one span (by id). */
    public Double value(Map<UUID, Tally> measuredTallies) {
        if (measured()) {
            return aggregation.of(measuredTallies.getOrDefault(id, Tally.NONE));
        }
        Map<String, Double> values = new TreeMap<>();
        for (FormulaTree input : inputs) {
            Double value = input.value(measuredTallies);
            if (value != null) {
                values.put(input.key(), value);
            }
        }
        return formula.evaluate(values).value();
    }

    /** The tally of the days in [from, to). */
    static Tally within(List<MeasurementDays.Day> days, Instant from, Instant to) {
        Tally sum = Tally.NONE;
        for (MeasurementDays.Day day : days) {
            if (!day.day().isBefore(from) && day.day().isBefore(to)) {
                sum = sum.plus(day.tally());
            }
        }
        return sum;
    }
}
