package dev.okr.objectives.cycle;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.contracts.Topics;
import dev.okr.contracts.events.CycleChanged;
import dev.okr.contracts.problem.Problem;
import dev.okr.objectives.cycle.CycleApi.CycleRequest;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Cycles: creation, reads and changes, each change published through the outbox. */
@ApplicationScoped
public class CycleService {

    private static final UUID NONE = new UUID(0, 0);

    private final CycleRepository cycles;
    private final Outbox outbox;
    private final Clock clock;

    private final AuditTrail audit;

    public CycleService(CycleRepository cycles, Outbox outbox, AuditTrail audit, Clock clock) {
        this.cycles = cycles;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit trail keeps of a cycle. */
    static ObjectNode audited(Cycle c) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", c.name);
        node.put("startDate", c.startDate.toString());
        node.put("endDate", c.endDate.toString());
        node.put("status", c.status.name());
        return node;
    }

    private Uni<Void> audit(Actor actor, String action, Cycle cycle, ObjectNode before) {
        return audit.record(new AuditTrail.Entry(cycle.organisationId, cycle.updatedAt, actor, action, "cycle", cycle.id.toString(), null,
                Diff.of(before, audited(cycle))));
    }

    @WithTransaction
    public Uni<Cycle> create(UUID organisationId, CycleRequest request) {
        CyclePeriod period = CyclePeriod.of(request.startDate(), request.endDate());
        String name = request.name().strip();
        Actor actor = audit.currentActor();
        return requireFreeName(organisationId, name, NONE)
                .chain(() -> {
                    Instant now = clock.instant();
                    Cycle cycle = new Cycle();
                    cycle.id = UUID.randomUUID();
                    cycle.organisationId = organisationId;
                    cycle.name = name;
                    cycle.startDate = period.startDate();
                    cycle.endDate = period.endDate();
                    cycle.status = Cycle.Status.OPEN;
                    cycle.createdAt = now;
                    cycle.updatedAt = now;
                    return cycles.persistAndFlush(cycle);
                })
                .call(cycle -> audit(actor, "cycle.created", cycle, null))
                .call(cycle -> publish(CycleChanged.CREATED, cycle));
    }

    @WithSession
    public Uni<Cycle> get(UUID organisationId, UUID id) {
        return cycles.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("cycle", id));
    }

    @WithSession
    public Uni<List<Cycle>> page(UUID organisationId, Cycle.Status status, Cursor after, int limit) {
        return cycles.page(organisationId, status, after, limit + 1);
    }

    @WithTransaction
    public Uni<Cycle> update(UUID organisationId, UUID id, String ifMatch, CycleRequest request) {
        CyclePeriod period = CyclePeriod.of(request.startDate(), request.endDate());
        String name = request.name().strip();
        Actor actor = audit.currentActor();
        ObjectNode[] before = new ObjectNode[1];
        return cycles.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("cycle", id))
                .invoke(cycle -> {
                    ETags.require(ifMatch, cycle.version);
                    if (cycle.status == Cycle.Status.CLOSED) {
                        throw ProblemException.conflict("Cycle " + cycle.name + " is closed: its objectives are frozen and scored.");
                    }
                })
                .call(cycle -> requireFreeName(organisationId, name, cycle.id))
                .chain(cycle -> {
                    before[0] = audited(cycle);
                    cycle.name = name;
                    cycle.startDate = period.startDate();
                    cycle.endDate = period.endDate();
                    cycle.updatedAt = clock.instant();
                    return cycles.persistAndFlush(cycle);
                })
                .call(cycle -> audit(actor, "cycle.updated", cycle, before[0]))
                .call(cycle -> publish(CycleChanged.UPDATED, cycle));
    }

    /** Marks the cycle closed and publishes it, once its objectives were scored and frozen. */
    public Uni<Cycle> markClosed(Cycle cycle, Actor actor) {
        Instant now = clock.instant();
        ObjectNode before = audited(cycle);
        cycle.status = Cycle.Status.CLOSED;
        cycle.closedAt = now;
        cycle.updatedAt = now;
        return cycles.persistAndFlush(cycle).call(c -> audit(actor, "cycle.closed", c, before)).call(c -> publish(CycleChanged.CLOSED, c));
    }

    private Uni<Void> requireFreeName(UUID organisationId, String name, UUID exceptId) {
        return cycles.nameTaken(organisationId, name, exceptId).invoke(taken -> {
            if (taken) {
                throw new ProblemException(409, "conflict", "Conflict", "A cycle named '" + name + "' already exists.",
                        List.of(new Problem.FieldError("name", "already used by another cycle")));
            }
        }).replaceWithVoid();
    }

    private Uni<?> publish(String type, Cycle cycle) {
        return outbox.record(Topics.OBJECTIVES, type, cycle.organisationId, cycle.id, new CycleChanged(cycle.id,
                cycle.organisationId, cycle.name, cycle.startDate, cycle.endDate, cycle.status.name(), cycle.version));
    }
}
