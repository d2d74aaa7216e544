package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.history.HistoryApi.SeriesView;
import dev.okr.objectives.history.ProgressPoint;
import dev.okr.objectives.history.ProgressPoints;
import dev.okr.objectives.history.Series;
import dev.okr.objectives.history.Series.Bucket;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultView;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Page;
import dev.okr.platform.web.QueryParams;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads an objective's or a key result's progress over time ({@link Series}) from their history. */
@ApplicationScoped
public class ProgressHistory {

    /** What a series is asked for: the days from and to (both included) and the bucket. */
    public record Range(LocalDate from, LocalDate to, Bucket bucket) {

        static final LocalDate FIRST = LocalDate.of(1970, 1, 1);
        static final LocalDate LAST = LocalDate.of(9999, 12, 31);

        /**
         * From the query: dates (or instants, taken as their UTC day), by default the cycle's first day to its last or
         * today, whichever is earlier; DAY unless WEEK is asked for. A 400 names what is wrong.
         */
        static Range of(String from, String to, String bucket, Cycle cycle, Instant now) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            LocalDate start = day("from", from, cycle.startDate);
            LocalDate until = cycle.endDate.isBefore(today) ? cycle.endDate : today;
            LocalDate end = day("to", to, until.isBefore(start) ? start : until); // a cycle not begun: no point yet
            Bucket size = QueryParams.enumValue("bucket", bucket, Bucket.class);
            return new Range(start, end, size == null ? Bucket.DAY : size);
        }

        private static LocalDate day(String name, String value, LocalDate otherwise) {
            Instant at = QueryParams.instant(name, value, false);
            if (at == null) {
                return otherwise;
            }
            LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
            if (day.isBefore(FIRST) || day.isAfter(LAST)) {
                throw ProblemException.invalid(name, "must be a day from " + FIRST + " to " + LAST);
            }
            return day;
        }

        Instant until() {
            return to.plusDays(bucket == Bucket.WEEK ? 7 : 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    /** How long after its objective a key result may be created and still count as created with it. */
    static final Duration WITH_OBJECTIVE = Duration.ofSeconds(1);

    private final ObjectiveStates states;
    private final KeyResultRepository keyResults;
    private final ProgressPoints points;
    private final Clock clock;

    public ProgressHistory(ObjectiveStates states, KeyResultRepository keyResults, ProgressPoints points,
            Clock clock) {
        this.states = states;
        this.keyResults = keyResults;
        this.points = points;
        this.clock = clock;
    }

    /** The objective's series (a 404 for another organisation's); its key results as they came and went. */
    @WithSession
    public Uni<SeriesView> objective(UUID organisationId, UUID id, String from, String to, String bucket) {
        Instant now = clock.instant();
        return states.load(organisationId, id).chain(state -> {
            Objective o = state.objective();
            Range range = Range.of(from, to, bucket, state.cycle(), now);
            var spans = spans(range, now);
            return keyResults.list("objectiveId", o.id).chain(all -> points.ofObjective(o.id, range.until(), range.bucket())
                    .chain(recorded -> states.scorer(organisationId).map(scorer -> {
                        List<ProgressPoint> history = new ArrayList<>(recorded);
                        all.forEach(kr -> history.addAll(creation(kr, recorded)));
                        // created in the same request as the objective (before this history existed, a moment apart)
                        var members = all.stream().map(kr -> new Series.Member(kr.id, kr.weight, kr.removedAt,
                                !kr.createdAt.isAfter(o.createdAt.plus(WITH_OBJECTIVE)))).toList();
                        var frame = new Series.Frame(state.cycle().startDate, state.cycle().endDate, scorer.rules(),
                                o.kind == Objective.Kind.ASPIRATIONAL, o.closedAt, o.score);
                        return SeriesView.of(o.id, range.from(), range.to(), range.bucket(),
                                Series.objective(history, members, spans, frame));
                    })));
        });
    }

    /** The key result's series (a 404 for another organisation's; a removed key result keeps its history). */
    @WithSession
    public Uni<SeriesView> keyResult(UUID organisationId, UUID id, String from, String to, String bucket) {
        Instant now = clock.instant();
        return keyResults.find("id = ?1 and organisationId = ?2", id, organisationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", id))
                .chain(kr -> states.load(organisationId, kr.objectiveId).chain(state -> {
                    Range range = Range.of(from, to, bucket, state.cycle(), now);
                    var spans = spans(range, now);
                    return points.ofKeyResult(kr.id, range.until(), range.bucket()).chain(recorded -> states.scorer(organisationId).map(scorer -> {
                        List<ProgressPoint> history = new ArrayList<>(recorded);
                        history.addAll(creation(kr, recorded));
                        var frame = new Series.Frame(state.cycle().startDate, state.cycle().endDate, scorer.rules(),
                                state.objective().kind == Objective.Kind.ASPIRATIONAL, null, null);
                        return SeriesView.of(kr.id, range.from(), range.to(), range.bucket(), Series.keyResult(history, spans, frame));
                    }));
                }));
    }

    /**
     * The objective as it stood at {@code asOf} (a date is its first moment): progress, health as judged then, score once
     * closed by then, and the key results it had then with their values, progress, confidence and last check-in then.
     * What people wrote (titles, targets) is as it is now. A 404 when it had no history yet then.
     */
    @WithSession
    public Uni<ObjectiveView> objectiveAsOf(UUID organisationId, UUID id, String asOfText) {
        Instant now = clock.instant();
        Instant asOf = QueryParams.past("asOf", asOfText, now);
        return states.load(organisationId, id).chain(state -> keyResults.list("objectiveId", id).chain(all -> points
                .ofObjective(id, asOf, Bucket.DAY).chain(recorded -> states.scorer(organisationId).map(scorer -> {
                    Objective o = state.objective();
                    List<ProgressPoint> history = new ArrayList<>(recorded);
                    all.forEach(kr -> history.addAll(creation(kr, recorded)));
                    var members = all.stream().map(kr -> new Series.Member(kr.id, kr.weight, kr.removedAt,
                            !kr.createdAt.isAfter(o.createdAt.plus(WITH_OBJECTIVE)))).toList();
                    Series.ObjectiveAt then = Series.at(history, members, asOf);
                    if (then.progress() == null) {
                        throw ProblemException.notFound("objective", id + " as of " + asOf + " (it had no history yet)");
                    }
                    return AsOf.objective(scorer, state, all, then, asOf, now);
                }))));
    }

    /**
     * A page of objectives, each as it stood at {@code asOf}: those that had no history yet then, or were archived by
     * then, are left out.
     */
    public Uni<Page<ObjectiveView>> pageAsOf(UUID organisationId, Page<ObjectiveView> page, String asOf) {
        List<ObjectiveView> then = new ArrayList<>();
        Uni<Void> read = Uni.createFrom().voidItem();
        for (ObjectiveView objective : page.items()) {
            read = read.chain(() -> objectiveAsOf(organisationId, objective.id(), asOf)
                    .onFailure(e -> e instanceof ProblemException p && p.status() == 404).recoverWithNull()
                    .invoke(view -> {
                        if (view != null && view.status() != Objective.Status.ARCHIVED) {
                            then.add(view);
                        }
                    }).replaceWithVoid());
        }
        return read.map(v -> new Page<>(then, page.nextCursor()));
    }

    /** A key result as it stood at {@code asOf}, as its objective then shows it (a 404 when it had none then). */
    @WithSession
    public Uni<KeyResultView> keyResultAsOf(UUID organisationId, UUID id, String asOfText) {
        return keyResults.find("id = ?1 and organisationId = ?2", id, organisationId).firstResult()
                .onItem().ifNull().failWith(() -> ProblemException.notFound("key result", id))
                .chain(kr -> objectiveAsOf(organisationId, kr.objectiveId, asOfText))
                .map(view -> view.keyResults().stream().filter(kr -> kr.id().equals(id)).findFirst()
                        .orElseThrow(() -> ProblemException.notFound("key result", id + " as of " + asOfText + " (it had no value yet)")));
    }

    /**
     * A key result recorded before this history existed has no point at its creation (only its check-ins): it began at
     * its start, progress 0, when it was created. One recorded since has its own.
     */
    static List<ProgressPoint> creation(KeyResult kr, List<ProgressPoint> recorded) {
        boolean known = recorded.stream().anyMatch(p -> kr.id.equals(p.keyResultId) && !p.at.isAfter(kr.createdAt));
        if (known) {
            return List.of();
        }
        ProgressPoint p = ProgressPoint.of(kr.organisationId, kr.objectiveId, kr.id, kr.createdAt, kr.createdAt, ObjectiveChanged.CREATED, 0);
        p.value = kr.startValue;
        return List.of(p);
    }

    private static List<Series.Span> spans(Range range, Instant now) {
        try {
            return Series.spans(range.from(), range.to(), range.bucket(), now);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(e.getMessage().startsWith("to ") ? "to" : "bucket", e.getMessage());
        }
    }
}
