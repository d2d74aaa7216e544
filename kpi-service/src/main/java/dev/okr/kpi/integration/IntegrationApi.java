package dev.okr.kpi.integration;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the integrations API. */
public final class IntegrationApi {

    private IntegrationApi() {
    }

    @Schema(name = "IntegrationRequest")
    public record IntegrationRequest(@NotBlank @Size(max = 100) @Schema(example = "Salesforce CRM") String name) {
    }

    @Schema(name = "Integration", description = "An integration API key; the key itself is never shown again after creation")
    public record IntegrationView(UUID id, @Schema(example = "Salesforce CRM") String name,
            @Schema(example = "okr_Xq3vT9aB1c") String keyPrefix, String createdBy, Instant createdAt, @Schema(nullable = true) Instant revokedAt,
            boolean active, @Schema(description = "0 while active, 1 once revoked: the ETag to send in If-Match") long version) {

        static IntegrationView of(IntegrationKey k) {
            return new IntegrationView(k.id, k.name, k.keyPrefix, k.createdBy, k.createdAt, k.revokedAt, k.isActive(), k.version());
        }
    }

    @Schema(name = "CreatedIntegration", description = "The new key, shown this once: store it in the integration's secrets")
    public record CreatedIntegration(UUID id, String name, String keyPrefix,
            @Schema(example = "okr_Xq3vT9aB1cD2eF3gH4iJ5kL6mN7oP8qR9sT0uV1wX2y") String apiKey, Instant createdAt) {
    }
}
