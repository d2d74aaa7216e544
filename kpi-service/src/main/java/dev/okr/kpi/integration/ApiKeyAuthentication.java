package dev.okr.kpi.integration;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.auth.IngestionRoutes;
import dev.okr.platform.caller.CurrentCaller;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Integrations authenticate with an API key in {@code X-Api-Key}: the identity it makes carries only the
 * role {@value #ROLE} (ingestion, nothing else) and the key's organisation. The key is looked up on
 * every request, so a revoked key stops working at once.
 */
public final class ApiKeyAuthentication {

    public static final String ROLE = "integration";

    private ApiKeyAuthentication() {
    }

    /** The credential: a presented API key. */
    public static final class ApiKeyRequest extends BaseAuthenticationRequest {
        final String key;

        ApiKeyRequest(String key) {
            this.key = key;
        }
    }

    @ApplicationScoped
    public static class Mechanism implements HttpAuthenticationMechanism {

        @Override
        public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
            String key = context.request().getHeader(IngestionRoutes.API_KEY_HEADER);
            if (key == null || key.isBlank()) {
                return Uni.createFrom().optional(Optional.empty());
            }
            return identityProviderManager.authenticate(new ApiKeyRequest(key.trim()));
        }

        @Override
        public Uni<ChallengeData> getChallenge(RoutingContext context) {
            return Uni.createFrom().item(new ChallengeData(401, null, null));
        }

        @Override
        public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
            return Set.of(ApiKeyRequest.class);
        }

        @Override
        public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
            return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, IngestionRoutes.API_KEY_HEADER));
        }
    }

    @ApplicationScoped
    public static class Provider implements IdentityProvider<ApiKeyRequest> {

        private final IntegrationService integrations;

        public Provider(IntegrationService integrations) {
            this.integrations = integrations;
        }

        @Override
        public Class<ApiKeyRequest> getRequestType() {
            return ApiKeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ApiKeyRequest request, AuthenticationRequestContext context) {
            return integrations.authenticate(request.key).map(key -> {
                if (key == null) {
                    throw new AuthenticationFailedException("unknown or revoked API key");
                }
                return QuarkusSecurityIdentity.builder()
                        .setPrincipal(new QuarkusPrincipal("integration:" + key.name))
                        .addRole(ROLE)
                        .addAttribute(CurrentCaller.ORGANISATION_ATTRIBUTE, key.organisationId)
                        .addAttribute("okr.integration.id", key.id)
                        .build();
            });
        }
    }
}
