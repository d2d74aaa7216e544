package dev.okr.alignment.rollup;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.DoubleNode;

import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditChange;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/**
 * An organisation's roll-up settings (the weight of an objective's own progress): read with their version, and
 * changed under the organisation's alignment lock, every roll-up recomputed in the same transaction.
 */
@ApplicationScoped
public class RollupSettings {

    /** The weight in force and the version that {@code If-Match} names (0 until an admin sets one). */
    public record Versioned(double ownWeight, long version) {
    }

    private final RollupService rollups;
    private final AuditTrail audit;
    private final Clock clock;

    public RollupSettings(RollupService rollups, AuditTrail audit, Clock clock) {
        this.rollups = rollups;
        this.audit = audit;
        this.clock = clock;
    }

    @WithSession
    public Uni<Versioned> get(UUID organisationId) {
        return version(organisationId).chain(v -> rollups.ownWeight(organisationId).map(w -> new Versioned(w, v)));
    }

    @WithTransaction
    public Uni<Versioned> change(UUID organisationId, String ifMatch, double ownWeight) {
        Actor actor = audit.currentActor();
        return rollups.lock(organisationId).chain(() -> version(organisationId)).chain(current -> {
            ETags.require(ifMatch, current);
            Uni<Void> audited = rollups.ownWeight(organisationId).chain(before -> audit.record(new AuditTrail.Entry(organisationId,
                    clock.instant(), actor, "settings.updated", "settings", "alignment", null, before == ownWeight ? List.of()
                            : List.of(new AuditChange("ownWeight", DoubleNode.valueOf(before), DoubleNode.valueOf(ownWeight))))));
            return audited.chain(() -> Panache.getSession().chain(s -> s.createNativeQuery("insert into alignment_settings (organisation_id, "
                    + "own_weight, version, updated_at) values (:org, :w, 1, :at) on conflict (organisation_id) do update set own_weight = :w, "
                    + "version = alignment_settings.version + 1, updated_at = :at")
                    .setParameter("org", organisationId).setParameter("w", ownWeight).setParameter("at", clock.instant())
                    .executeUpdate()))
                    .chain(() -> rollups.recomputeAll(organisationId))
                    .replaceWith(new Versioned(ownWeight, current + 1));
        });
    }

    private Uni<Long> version(UUID organisationId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select version from alignment_settings where organisation_id = :org",
                Long.class).setParameter("org", organisationId).getSingleResultOrNull()).map(v -> v == null ? 0L : v);
    }
}
