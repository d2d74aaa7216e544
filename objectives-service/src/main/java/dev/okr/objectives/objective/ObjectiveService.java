package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.objectives.cycle.CycleRepository;
import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.objective.ObjectiveApi.ObjectivePatch;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveRequest;
import dev.okr.objectives.objective.ObjectiveApi.ObjectiveView;
import dev.okr.objectives.objective.ObjectiveApi.Owner;
import dev.okr.objectives.orgunit.OrgUnits;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.MergePatch;
import dev.okr.platform.web.Page;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Objectives: create, read, list, change and archive (each change through {@link Objectives}). */
@ApplicationScoped
public class ObjectiveService {

    private final Objectives objectives;
    private final ObjectiveRepository repository;
    private final ObjectiveStates states;
    private final CycleRepository cycles;
    private final OrgUnits units;
    private final Clock clock;

    public ObjectiveService(Objectives objectives, ObjectiveRepository repository, ObjectiveStates states,
            CycleRepository cycles, OrgUnits units, Clock clock) {
        this.objectives = objectives;
        this.repository = repository;
        this.states = states;
        this.cycles = cycles;
        this.units = units;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<ObjectiveView> create(Caller who, ObjectiveRequest request) {
        UUID organisationId = who.organisationId();
        Owner owner = normaliseOwner(organisationId, request.owner());
        List<KeyResultRequest> krRequests = request.keyResults() == null ? List.of() : request.keyResults();
        return requireMayOwn(who, owner).chain(() -> cycles.requireOpen(organisationId, request.cycleId(), "cycleId")).chain(cycle -> {
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
            return objectives.create(new ObjectiveState(o, cycle, new ArrayList<>(), new HashMap<>()),
                    draft -> draft.addKeyResults(krRequests, "keyResults"));
        });
    }

    @WithSession
    public Uni<ObjectiveView> get(UUID organisationId, UUID id) {
        return states.load(organisationId, id)
                .chain(state -> states.scorer(organisationId).map(scorer -> scorer.view(state, clock.instant())));
    }

    @WithSession
    public Uni<Page<ObjectiveView>> list(UUID organisationId, ObjectiveRepository.Filter filter, Cursor after, int limit) {
        Uni<OrgUnits.Scope> unit = filter.unitId() == null ? Uni.createFrom().nullItem()
                : units.requireScope(organisationId, filter.unitId(), filter.includeDescendants(), "unitId");
        return unit.chain(scope -> repository.page(organisationId, filter, scope, after, limit + 1))
                .chain(rows -> states.loadAll(rows).chain(loaded -> states.scorer(organisationId).map(scorer -> {
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
        return objectives.change(organisationId, id, draft -> (newOwner == null ? Uni.createFrom().voidItem()
                : requireMayOwn(who, newOwner)).map(mayOwn -> {
                    Objective o = draft.objective();
                    ETags.require(ifMatch, o.revision);
                    draft.requireActive();
                    draft.edited();
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
                    return ObjectiveChanged.UPDATED;
                }));
    }

    /** Takes the objective out of use; it stays readable with its history, and out of default lists. */
    @WithTransaction
    public Uni<Void> archive(UUID organisationId, UUID id, String ifMatch) {
        return objectives.change(organisationId, id, draft -> {
            Objective o = draft.objective();
            ETags.require(ifMatch, o.revision);
            if (o.status == Objective.Status.ARCHIVED) {
                return Uni.createFrom().nullItem();
            }
            o.status = Objective.Status.ARCHIVED;
            draft.edited();
            return Uni.createFrom().item(ObjectiveChanged.ARCHIVED);
        }).replaceWithVoid();
    }

    /**
     * Who may give objectives to whom (DESIGN §4): the company's take anyone who may write; a unit's, an admin or a
     * member or lead of that unit of the caller's organisation; a person's, that person, or an admin giving it to someone the units know.
     */
    private Uni<Void> requireMayOwn(Caller who, Owner owner) {
        return switch (owner.type()) {
            case COMPANY -> Uni.createFrom().voidItem();
            case UNIT -> units.requireMayGiveObjectives(who, UUID.fromString(owner.id()));
            case PERSON -> {
                if (owner.id().equals(who.subject())) {
                    yield Uni.createFrom().voidItem();
                }
                if (!who.isAdmin()) {
                    throw ProblemException.forbidden("Only an admin may give someone else an objective; yours have the owner "
                            + "{\"type\": \"PERSON\", \"id\": \"" + who.subject() + "\"}.");
                }
                // someone else: a person the organisation's units know
                yield units.requireKnownPerson(who.organisationId(), owner.id());
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
