package dev.okr.objectives.objective;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.keyresult.KeyResultApi.MilestoneView;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.scoring.HealthRules;

/**
 * A cycle as a spreadsheet: one row per key result (an objective without key results has one row of its own), with
 * the objective's columns repeated on each. Text that a spreadsheet would take for a formula (starting with =, +, -, @,
 * a tab or a carriage return) is prefixed with a quote, so opening the file runs nothing.
 */
public final class CycleReport {

    static final List<String> COLUMNS = List.of("objective_id", "objective", "kind", "status", "owner_type", "owner",
            "objective_progress", "objective_health", "objective_score", "key_result_id", "key_result", "type", "unit", "start",
            "target", "current", "progress", "health", "score", "confidence", "last_check_in");

    // quoted only where CSV needs it (a comma, a quote, a line break), not every id with a dash
    private static final CsvMapper MAPPER = CsvMapper.builder().enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING).build();
    private static final CsvSchema SCHEMA = CsvSchema.builder().setUseHeader(false).addColumns(COLUMNS, CsvSchema.ColumnType.STRING)
            .build().withLineSeparator("\r\n");

    private CycleReport() {
    }

    /** The header line. */
    public static String header() {
        return write(List.of(new ArrayList<>(COLUMNS)));
    }

    /** The lines of these objectives, in their order. */
    public static String rows(List<ObjectiveView> objectives) {
        List<List<String>> rows = new ArrayList<>();
        for (ObjectiveView o : objectives) {
            List<String> objective = List.of(o.id().toString(), text(o.title()), o.kind().name(), o.status().name(), o.owner().type().name(),
                    text(o.owner().id()), number(o.progress()), o.health().name(), number(o.score()));
            if (o.keyResults().isEmpty()) {
                List<String> row = new ArrayList<>(objective);
                while (row.size() < COLUMNS.size()) {
                    row.add("");
                }
                rows.add(row);
            }
            for (KeyResultView kr : o.keyResults()) {
                List<String> row = new ArrayList<>(objective);
                row.add(kr.id().toString());
                row.add(text(kr.title()));
                row.add(kr.type().name());
                row.add(kr.unit() == null ? "" : text(kr.unit()));
                row.add(number(kr.start()));
                row.add(number(kr.target()));
                row.add(current(kr));
                row.add(number(kr.progress()));
                row.add(kr.health().name());
                row.add(o.score() == null ? "" : number(HealthRules.score(kr.progress())));
                row.add(kr.confidence() == null ? "" : kr.confidence().toString());
                row.add(instant(kr.lastCheckInAt()));
                rows.add(row);
            }
        }
        return write(rows);
    }

    /** Where a key result stands, as a person reads it: a number, done or not, or how many milestones are complete. */
    static String current(KeyResultView kr) {
        if (kr.type() == KeyResult.Type.BOOLEAN) {
            return Boolean.TRUE.equals(kr.done()) ? "done" : "not done";
        }
        if (kr.type() == KeyResult.Type.MILESTONES) {
            List<MilestoneView> milestones = kr.milestones() == null ? List.of() : kr.milestones();
            return milestones.stream().filter(MilestoneView::completed).count() + " of " + milestones.size() + " milestones";
        }
        return number(kr.current());
    }

    /** Text as a cell: a leading character that would start a formula is quoted away. */
    static String text(String value) {
        if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            return "'" + value;
        }
        return value;
    }

    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String instant(Instant at) {
        return at == null ? "" : at.toString();
    }

    private static String write(List<List<String>> rows) {
        try {
            return MAPPER.writer(SCHEMA).writeValueAsString(rows);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report row could not be written", e);
        }
    }
}
