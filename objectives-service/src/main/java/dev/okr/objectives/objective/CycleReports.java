package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Writes a cycle's report ({@link CycleReport}): its objectives that are not archived, in creation order, as they stand now. */
@ApplicationScoped
public class CycleReports {

    /** Objectives read and written at a time. */
    static final int CHUNK = 500;

    /** The report and the name a browser saves it under. */
    public record Report(String filename, String csv) {
    }

    private final CycleRepository cycles;
    private final ObjectiveRepository objectives;
    private final ObjectiveStates states;
    private final Clock clock;

    public CycleReports(CycleRepository cycles, ObjectiveRepository objectives, ObjectiveStates states, Clock clock) {
        this.cycles = cycles;
        this.objectives = objectives;
        this.states = states;
        this.clock = clock;
    }

    @WithSession
    public Uni<Report> report(UUID organisationId, UUID cycleId) {
        Instant now = clock.instant();
        return cycles.findInOrganisation(organisationId, cycleId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("cycle", cycleId))
                .chain(cycle -> states.scorer(organisationId).chain(scorer -> {
                    StringBuilder csv = new StringBuilder("\uFEFF").append(CycleReport.header());
                    return chunk(organisationId, cycle, null, scorer, now, csv)
                            .map(done -> new Report(filename(cycle), csv.toString()));
                }));
    }

    /** Appends the objectives after {@code after} (in creation order), a chunk at a time, until none is left. */
    private Uni<Void> chunk(UUID organisationId, Cycle cycle, Objective after, ObjectiveScorer scorer, Instant now, StringBuilder csv) {
        Uni<List<Objective>> next = after == null
                ? objectives.find("organisationId = ?1 and cycleId = ?2 and status <> ?3 order by createdAt, id", organisationId, cycle.id,
                        Objective.Status.ARCHIVED).range(0, CHUNK - 1).list()
                : objectives.find("organisationId = ?1 and cycleId = ?2 and status <> ?3 and (createdAt > ?4 or (createdAt = ?4 and id > ?5)) "
                        + "order by createdAt, id", organisationId, cycle.id, Objective.Status.ARCHIVED, after.createdAt, after.id)
                        .range(0, CHUNK - 1).list();
        return next.chain(list -> {
            if (list.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return states.loadAll(list).chain(loaded -> {
                csv.append(CycleReport.rows(loaded.stream().map(state -> scorer.view(state, now)).toList()));
                return list.size() < CHUNK ? Uni.createFrom().voidItem()
                        : chunk(organisationId, cycle, list.get(list.size() - 1), scorer, now, csv);
            });
        });
    }

    /** cycle-q4-2026.csv: the cycle's name in letters, digits and dashes. */
    static String filename(Cycle cycle) {
        String name = cycle.name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        return "cycle-" + (name.isEmpty() ? cycle.id.toString() : name) + ".csv";
    }
}
