package dev.okr.alignment.orgunit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitEvent;
import dev.okr.alignment.orgunit.OrgUnitApi.OrgUnitRequest;
import dev.okr.platform.events.Topics;
import dev.okr.platform.outbox.Outbox;
import dev.okr.platform.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** The organisation's structure: units created under valid parents, published through the outbox. */
@ApplicationScoped
public class OrgUnitService {

    static final String CREATED = "dev.okr.orgunit.created";

    private final OrgUnitRepository units;
    private final Outbox outbox;
    private final Clock clock;

    public OrgUnitService(OrgUnitRepository units, Outbox outbox, Clock clock) {
        this.units = units;
        this.outbox = outbox;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<OrgUnit> create(UUID organisationId, OrgUnitRequest request) {
        Uni<Void> placed = request.type() == OrgUnitType.COMPANY
                ? checkCompany(organisationId, request)
                : checkParent(organisationId, request);
        return placed.chain(() -> {
            Instant now = clock.instant();
            OrgUnit unit = new OrgUnit();
            unit.id = UUID.randomUUID();
            unit.organisationId = organisationId;
            unit.parentId = request.parentId();
            unit.type = request.type();
            unit.name = request.name().strip();
            unit.leadId = request.leadId() == null || request.leadId().isBlank() ? null : request.leadId().strip();
            unit.createdAt = now;
            unit.updatedAt = now;
            return units.persistAndFlush(unit);
        }).call(unit -> outbox.record(Topics.ALIGNMENT, CREATED, organisationId, unit.id, OrgUnitEvent.of(unit)));
    }

    @WithSession
    public Uni<OrgUnit> get(UUID organisationId, UUID id) {
        return units.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("org unit", id));
    }

    @WithSession
    public Uni<List<OrgUnit>> all(UUID organisationId) {
        return units.allActive(organisationId);
    }

    private Uni<Void> checkCompany(UUID organisationId, OrgUnitRequest request) {
        OrgUnitType.COMPANY.checkParent(request.parentId() == null ? null : OrgUnitType.COMPANY);
        return units.hasCompany(organisationId).invoke(exists -> {
            if (exists) {
                throw ProblemException.conflict("Your organisation already has its company unit; add departments under it.");
            }
        }).replaceWithVoid();
    }

    private Uni<Void> checkParent(UUID organisationId, OrgUnitRequest request) {
        if (request.parentId() == null) {
            request.type().checkParent(null);
        }
        return units.findInOrganisation(organisationId, request.parentId())
                .onItem().ifNull().failWith(() -> ProblemException.invalid("parentId", "no org unit " + request.parentId()
                        + " in your organisation"))
                .invoke(parent -> request.type().checkParent(parent.type))
                .replaceWithVoid();
    }
}
