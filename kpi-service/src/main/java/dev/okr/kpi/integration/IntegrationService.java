package dev.okr.kpi.integration;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.integration.IntegrationApi.CreatedIntegration;
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
    private final Clock clock;

    public IntegrationService(IntegrationKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
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
        return keys.persist(key)
                .map(saved -> new CreatedIntegration(saved.id, saved.name, saved.keyPrefix, apiKey, saved.createdAt));
    }

    @WithSession
    public Uni<List<IntegrationKey>> page(UUID organisationId, Cursor after, int limit) {
        return keys.page(organisationId, after, limit + 1);
    }

    /** Revokes a key at once; If-Match names its version (0 while active, 1 once revoked). */
    @WithTransaction
    public Uni<Void> revoke(UUID organisationId, UUID id, String ifMatch) {
        return keys.findInOrganisation(organisationId, id)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("integration", id))
                .invoke(key -> {
                    ETags.require(ifMatch, key.version());
                    if (key.revokedAt == null) {
                        key.revokedAt = clock.instant();
                    }
                })
                .replaceWithVoid();
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
