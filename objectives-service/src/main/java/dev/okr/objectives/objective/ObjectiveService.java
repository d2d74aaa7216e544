package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.cycle.Cycle;
import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultFactory;
import dev.okr.objectives.keyresult.KeyResultRepository;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.objectives.keyresult.MilestoneRepository;
import dev.okr.objectives.kpi.KpiSnapshots;
import dev.okr.objectives.objective.ObjectiveApi.ObjectivePatch;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveRequest;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.objective.ObjectiveApi.Owner;
import dev.okr.objectives.orgunit.OrgUnits;
import dev.okr.objectives.settings.HealthSettings;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.events.contracts.RollupState;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.MergePatch;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Objectives: create, read, list, change and archive; every change recomputed and published. */
@ApplicationScoped
public class ObjectiveService {

    private final ObjectiveRepository objectives;
    private final CycleRepository cycles;
    private final KeyResultRepository keyResults;
    private final MilestoneRepository milestones;
    private final ObjectiveStates states;
    private final HealthSettings settings;
    private final KpiSnapshots kpis;
    private final OrgUnits units;
    private final Clock clock;

    public ObjectiveService(ObjectiveRepository objectives, CycleRepository cycles, KeyResultRepository keyResults,
            MilestoneRepository milestones, ObjectiveStates states, HealthSettings settings, KpiSnapshots kpis,
            OrgUnits units, Clock clock) {
        this.objectives = objectives;
        this.cycles = cycles;
        this.keyResults = keyResults;
        this.milestones = milestones;
        this.states = states;
        this.settings = settings;
        this.kpis = kpis;
        this.units = units;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ObjectiveView> create(Caller who, ObjectiveRequest request) {
        UUID organisationId = who.organisationId();
        Owner owner = normaliseOwner(organisationId, request.owner());
        List<KeyResultRequest> krRequests = request.keyResults() == null ? List.of() : request.keyResults();
        return requireMayOwn(who, owner).chain(() -> openCycle(organisationId, request.cycleId(), "cycleId")).chain(cycle -> {
            Instant now = clock.instant();
            Objective o = new Objective();
            o.id = UUID.randomUUID();
            o.organisationId = organisationId;
            o.cycleId = cycle.id;
            o.title = request.title().strip();
            o.description = blankToNull(request.description());
            o.ownerType = owner.type();
            o.ownerId = owner.id();
            o.kind = request.kind() == null ? Objective.Kind.COMMITTED : request.kind();
            o.status = Objective.Status.ACTIVE;
            o.createdAt = now;
            o.updatedAt = now;
            ObjectiveState state = new ObjectiveState(o, cycle, new ArrayList<>(), new java.util.HashMap<>());
            return buildKeyResults(state, krRequests, now)
                    .chain(() -> finishNew(state, ObjectiveEvents.CREATED, now));
        });
    }

    @WithSession
    public Uni<ObjectiveView> get(UUID organisationId, UUID id) {
        return states.load(organisationId, id)
                .chain(state -> settings.scorer(organisationId).map(scorer -> scorer.view(state, clock.instant())));
    }

    @WithSession
    public Uni<Page<ObjectiveView>> list(UUID organisationId, ObjectiveRepository.Filter filter, Cursor after, int limit) {
        return objectives.page(organisationId, filter, after, limit + 1)
                .chain(rows -> states.loadAll(rows).chain(loaded -> settings.scorer(organisationId).map(scorer -> {
                    Instant now = clock.instant();
                    return Page.of(loaded, limit, s -> new Cursor(s.objective().createdAt, s.objective().id),
                            s -> scorer.view(s, now));
                })));
    }

    @WithTransaction
    public Uni<ObjectiveView> patch(Caller who, UUID id, String ifMatch, MergePatch<ObjectivePatch> merge) {
        merge.keep("title", "owner", "kind");
        ObjectivePatch patch = merge.values();
        UUID organisationId = who.organisationId();
        Owner newOwner = patch.owner() == null ? null : normaliseOwner(organisationId, patch.owner());
        return states.load(organisationId, id).call(state -> newOwner == null ? Uni.createFrom().voidItem()
                : requireMayOwn(who, newOwner)).chain(state -> {
            Objective o = state.objective();
            ETags.require(ifMatch, o.version);
            requireActive(o);
            if (patch.title() != null) {
                if (patch.title().isBlank()) {
                    throw ProblemException.invalid("title", "must not be blank");
                }
                o.title = patch.title().strip();
            }
            if (patch.description() != null || merge.removes("description")) {
                o.description = blankToNull(patch.description());
            }
            if (newOwner != null) {
                o.ownerType = newOwner.type();
                o.ownerId = newOwner.id();
            }
            if (patch.kind() != null) {
                o.kind = patch.kind();
            }
            Instant now = clock.instant();
            o.updatedAt = now;
            return finish(state, ObjectiveEvents.UPDATED, now);
        });
    }

    /** Takes the objective out of use; it stays readable with its history, and out of default lists. */
    @WithTransaction
    public Uni<Void> archive(UUID organisationId, UUID id, String ifMatch) {
        return states.load(organisationId, id).chain(state -> {
            Objective o = state.objective();
            ETags.require(ifMatch, o.version);
            if (o.status == Objective.Status.ARCHIVED) {
                return Uni.createFrom().voidItem();
            }
            Instant now = clock.instant();
            o.status = Objective.Status.ARCHIVED;
            o.updatedAt = now;
            return finish(state, ObjectiveEvents.ARCHIVED, now).replaceWithVoid();
        });
    }

    /**
     * Applies alignment-service's roll-up to the objective (ignored when older than the one held, or when
     * the objective is unknown here or not active). Runs in the roll-up consumer's transaction.
     */
    public Uni<Void> applyRollup(RollupState rollup) {
        return objectives.findInOrganisation(rollup.organisationId(), rollup.objectiveId()).chain(o -> {
            if (o == null || o.status != Objective.Status.ACTIVE || o.rollupVersion >= rollup.version()) {
                return Uni.createFrom().voidItem();
            }
            return states.loadAll(List.of(o)).chain(loaded -> {
                ObjectiveState state = loaded.get(0);
                o.rollupVersion = rollup.version();
                if (java.util.Objects.equals(o.rollupProgress, rollup.rollupProgress())) {
                    return Uni.createFrom().voidItem();
                }
                o.rollupProgress = rollup.rollupProgress();
                return finish(state, ObjectiveEvents.UPDATED, clock.instant()).replaceWithVoid();
            });
        });
    }

    /**
     * Moves every key result that follows this KPI (in active objectives) to the KPI's new value, and
     * publishes each objective that changed. Runs in the KPI event consumer's transaction.
     */
    public Uni<Void> followKpi(UUID kpiId, double value) {
        return keyResults.followingKpi(kpiId).chain(krs -> {
            List<UUID> objectiveIds = krs.stream().map(kr -> kr.objectiveId).distinct().toList();
            if (objectiveIds.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return objectives.list("id in ?1 and status = ?2", objectiveIds, Objective.Status.ACTIVE)
                    .chain(states::loadAll)
                    .chain(loaded -> {
                        Instant now = clock.instant();
                        Uni<Void> chain = Uni.createFrom().voidItem();
                        for (ObjectiveState state : loaded) {
                            boolean changed = false;
                            for (KeyResult kr : state.keyResults()) {
                                if (kpiId.equals(kr.kpiId) && !java.util.Objects.equals(kr.currentValue, value)) {
                                    kr.currentValue = value;
                                    kr.updatedAt = now;
                                    changed = true;
                                }
                            }
                            if (changed) {
                                chain = chain.chain(() -> finish(state, ObjectiveEvents.UPDATED, now).replaceWithVoid());
                            }
                        }
                        return chain;
                    });
        });
    }

    /**
     * Builds key results (and their milestones) at the end of the objective's list, checking each (and
     * its KPI) first; they join the state but are not persisted: see {@link #persistKeyResults}.
     */
    public Uni<List<KeyResult>> buildKeyResults(ObjectiveState state, List<KeyResultRequest> requests, Instant now) {
        List<KeyResult> built = new ArrayList<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        int position = state.keyResults().stream().mapToInt(kr -> kr.position + 1).max().orElse(0);
        for (int i = 0; i < requests.size(); i++) {
            KeyResultRequest r = requests.get(i);
            int at = position + i;
            String field = "keyResults[" + i + "]";
            chain = chain.chain(() -> {
                KeyResult kr;
                try {
                    kr = KeyResultFactory.create(state.objective(), r, at, now);
                } catch (ProblemException e) {
                    throw e.under(field);
                }
                state.keyResults().add(kr);
                built.add(kr);
                if (kr.type == KeyResult.Type.MILESTONES) {
                    state.milestones().put(kr.id, KeyResultFactory.milestones(kr, r.milestones(), List.of()));
                }
                return kr.type == KeyResult.Type.KPI_LINKED ? kpis.link(state, kr, field) : Uni.createFrom().voidItem();
            });
        }
        return chain.replaceWith(built);
    }

    /** Persists new key results and their milestones (after their objective). */
    public Uni<Void> persistKeyResults(ObjectiveState state, List<KeyResult> added) {
        if (added.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Milestone> ms = added.stream().flatMap(kr -> state.milestonesOf(kr).stream()).toList();
        return keyResults.persist(added).chain(() -> ms.isEmpty() ? Uni.createFrom().voidItem() : milestones.persist(ms));
    }

    /** For a new objective: computes its progress and health, persists it with its key results, publishes. */
    public Uni<ObjectiveView> finishNew(ObjectiveState state, String eventType, Instant now) {
        return settings.scorer(state.objective().organisationId).chain(scorer -> {
            scorer.refresh(state, now);
            return objectives.persist(state.objective())
                    .chain(() -> persistKeyResults(state, state.keyResults()))
                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                    .chain(() -> states.publish(eventType, state, scorer, now))
                    .map(v -> scorer.view(state, now));
        });
    }

    /** Recomputes the stored progress and health, flushes (so the version is final) and publishes. */
    public Uni<ObjectiveView> finish(ObjectiveState state, String eventType, Instant now) {
        return settings.scorer(state.objective().organisationId).chain(scorer -> {
            scorer.refresh(state, now);
            state.objective().updatedAt = now;
            return Panache.getSession().chain(session -> session.flush())
                    .chain(() -> states.publish(eventType, state, scorer, now))
                    .map(v -> scorer.view(state, now));
        });
    }

    Uni<Cycle> openCycle(UUID organisationId, UUID cycleId, String field) {
        return cycles.findInOrganisation(organisationId, cycleId)
                .onItem().ifNull().failWith(() -> ProblemException.invalid(field, "no cycle " + cycleId + " in your organisation"))
                .invoke(c -> {
                    if (c.status == Cycle.Status.CLOSED) {
                        throw ProblemException.conflict("Cycle " + c.name + " is closed: its objectives are frozen.");
                    }
                });
    }

    public static void requireActive(Objective o) {
        if (o.status != Objective.Status.ACTIVE) {
            throw ProblemException.conflict("This objective is " + o.status.name().toLowerCase()
                    + ": it no longer changes.");
        }
    }

    /**
     * Who may give objectives to whom (DESIGN §4): the company's take anyone who may write; a unit's, an admin or a
     * member or lead of that unit of the caller's organisation; a person's, that person or an admin.
     */
    private Uni<Void> requireMayOwn(Caller who, Owner owner) {
        return switch (owner.type()) {
            case COMPANY -> Uni.createFrom().voidItem();
            case UNIT -> units.requireMayGiveObjectives(who, UUID.fromString(owner.id()));
            case PERSON -> {
                if (!who.isAdmin() && !owner.id().equals(who.subject())) {
                    throw ProblemException.forbidden("Only an admin may give someone else an objective; yours have the owner "
                            + "{\"type\": \"PERSON\", \"id\": \"" + who.subject() + "\"}.");
                }
                yield Uni.createFrom().voidItem();
            }
        };
    }

    static Owner normaliseOwner(UUID organisationId, Owner owner) {
        switch (owner.type()) {
            case COMPANY -> {
                if (owner.id() != null && !owner.id().equals(organisationId.toString())) {
                    throw ProblemException.invalid("owner.id", "the company owner is your organisation: leave the id out");
                }
                return new Owner(Objective.OwnerType.COMPANY, organisationId.toString());
            }
            case UNIT -> {
                try {
                    return new Owner(Objective.OwnerType.UNIT, UUID.fromString(owner.id() == null ? "" : owner.id().trim()).toString());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("owner.id", "an org unit owner needs the unit's id (a UUID)");
                }
            }
            case PERSON -> {
                if (owner.id() == null || owner.id().isBlank()) {
                    throw ProblemException.invalid("owner.id", "a person owner needs the person's user id");
                }
                return new Owner(Objective.OwnerType.PERSON, owner.id().trim());
            }
            default -> throw new IllegalStateException("unknown owner type " + owner.type());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
