package dev.okr.kpi.integration;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.okr.kpi.integration.IntegrationApi.CreatedIntegration;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.Cursor;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Integration API keys: created by an admin, shown once, stored hashed, revocable at once. */
@ApplicationScoped
public class IntegrationService {

    private final IntegrationKeyRepository keys;
    private final AuditTrail audit;
    private final Clock clock;

    public IntegrationService(IntegrationKeyRepository keys, AuditTrail audit, Clock clock) {
        this.keys = keys;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the audit trail keeps of a key (never the key or its hash). */
    private static ObjectNode audited(IntegrationKey key) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", key.name);
        node.put("keyPrefix", key.keyPrefix);
        node.put("revoked", key.revokedAt != null);
        return node;
    }

    @WithTransaction
    public Uni<CreatedIntegration> create(UUID organisationId, String createdBy, String name) {
        String apiKey = ApiKeys.generate();
        IntegrationKey key = new IntegrationKey();
        key.id = UUID.randomUUID();
        key.organisationId = organisationId;
        key.name = name.strip();
        key.keyPrefix = ApiKeys.shownPrefix(apiKey);
        key.keyHash = ApiKeys.hash(apiKey);
        key.createdBy = createdBy;
        key.createdAt = clock.instant();
        Actor actor = audit.currentActor();
        return keys.persist(key)
                .call(saved -> audit.record(new AuditTrail.Entry(organisationId, saved.createdAt, actor, "integration.created", "integration",
                        saved.id.toString(), null, Diff.of(null, audited(saved)))))
                .map(saved -> new CreatedIntegration(saved.id, saved.name, saved.keyPrefix, apiKey, saved.createdAt));
    }

    @WithSession
    public Uni<List<IntegrationKey>> page(UUID organisationId, Cursor after, int limit) {
        return keys.page(organisationId, after, limit + 1);
    }

    /** Revokes a key at once; If-Match names its version (0 while active, 1 once revoked). */
    @WithTransaction
    public Uni<Void> revoke(UUID organisationId, UUID id, String ifMatch) {
        Actor actor = audit.currentActor();
        // locked: of two revokes at once, the second finds it revoked and records nothing
        return keys.lockInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("integration", id))
                .chain(key -> {
                    ETags.require(ifMatch, key.version());
                    if (key.revokedAt != null) {
                        return Uni.createFrom().voidItem();
                    }
                    ObjectNode before = audited(key);
                    key.revokedAt = clock.instant();
                    return audit.record(new AuditTrail.Entry(organisationId, key.revokedAt, actor, "integration.revoked", "integration",
                            key.id.toString(), null, Diff.of(before, audited(key))));
                });
    }

    /** The active key a presented API key belongs to, or null: what ingestion authenticates with. */
    @WithSession
    public Uni<IntegrationKey> authenticate(String presentedKey) {
        if (!ApiKeys.looksLikeAKey(presentedKey)) {
            return Uni.createFrom().nullItem();
        }
        return keys.findActiveByHash(ApiKeys.hash(presentedKey));
    }
}
