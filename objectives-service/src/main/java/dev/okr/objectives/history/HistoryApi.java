package dev.okr.objectives.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.objectives.history.Series.Bucket;
import dev.okr.objectives.scoring.Health;

/** Response bodies of progress history. */
public final class HistoryApi {

    private HistoryApi() {
    }

    @Schema(name = "ProgressSeries", description = "An objective's or a key result's progress over time, one entry per bucket, for a "
            + "burn-up chart")
    public record SeriesView(
            @Schema(description = "The objective or key result") UUID id,
            @Schema(description = "The first day asked for (UTC)") LocalDate from,
            @Schema(description = "The last day asked for (UTC)") LocalDate to,
            @Schema(implementation = Bucket.class, description = "DAY, or WEEK (ISO weeks, Monday to Sunday, UTC)") Bucket bucket,
            @Schema(description = "The buckets that have begun by now, oldest first") List<EntryView> points) {

        public static SeriesView of(UUID id, LocalDate from, LocalDate to, Bucket bucket, List<Series.Entry> entries) {
            return new SeriesView(id, from, to, bucket, entries.stream().map(EntryView::of).toList());
        }
    }

    @Schema(name = "ProgressSeriesPoint", description = "One bucket: the state at its end (for the bucket under way, now); health "
            + "as it would have been judged then (null before anything was recorded)")
    public record EntryView(
            @Schema(description = "The bucket's first day") LocalDate start,
            @Schema(description = "The day after its last") LocalDate end,
            @Schema(description = "The moment the state is read at: the bucket's end, or now") Instant at,
            @Schema(nullable = true, description = "Progress 0–1; null before anything was recorded", example = "0.42") Double progress,
            @Schema(nullable = true, description = "A key result's value (NUMERIC, KPI_LINKED); null for an objective") Double value,
            @Schema(nullable = true, description = "The confidence (0–10) of the latest check-in by then") Integer confidence,
            @Schema(nullable = true) Health health,
            @Schema(nullable = true, description = "A closed objective's score, from its closing on") Double score,
            @Schema(description = "The progress the cycle's elapsed share expects by then (the straight line from 0 to 1)", example = "0.5") double expected,
            @Schema(description = "Nothing changed in this bucket: the previous state carried forward") boolean carried) {

        static EntryView of(Series.Entry e) {
            return new EntryView(e.start(), e.end(), e.at(), e.progress(), e.value(), e.confidence(), e.health(), e.score(), e.expected(),
                    e.carried());
        }
    }
}
