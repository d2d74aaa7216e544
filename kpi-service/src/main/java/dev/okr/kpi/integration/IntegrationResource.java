package dev.okr.kpi.integration;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.okr.kpi.integration.IntegrationApi.CreatedIntegration;
import dev.okr.kpi.integration.IntegrationApi.IntegrationRequest;
import dev.okr.kpi.integration.IntegrationApi.IntegrationView;
import dev.okr.platform.caller.Caller;
import dev.okr.platform.caller.CurrentCaller;
import dev.okr.platform.web.Cursor;
import dev.okr.platform.web.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/integrations")
@Tag(name = "integrations", description = "API keys for systems that push measurements (a CRM, a data warehouse)")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Caller.ADMIN)
public class IntegrationResource {

    private final IntegrationService integrations;
    private final CurrentCaller caller;

    public IntegrationResource(IntegrationService integrations, CurrentCaller caller) {
        this.integrations = integrations;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createIntegration", summary = "Create an integration API key", description = "Admins only. The key is in this answer and nowhere else: store it now. Integrations send it as X-Api-Key.")
    @APIResponse(responseCode = "201", description = "Created", content = @Content(schema = @Schema(implementation = CreatedIntegration.class)))
    @APIResponse(responseCode = "403", description = "Not an admin")
    public Uni<Response> create(@Valid @NotNull IntegrationRequest request) {
        Caller who = caller.get();
        return integrations.create(who.organisationId(), who.subject(), request.name())
                .map(created -> Response.created(URI.create("/api/v1/integrations/" + created.id())).entity(created).build());
    }

    @GET
    @Operation(operationId = "listIntegrations", summary = "List integration API keys", description = "Admins only; keys are shown by their prefix.")
    @APIResponse(responseCode = "200", description = "A page of keys")
    public Uni<Page<IntegrationView>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        return integrations.page(caller.organisationId(), Cursor.decode(cursor), size)
                .map(rows -> Page.of(rows, size, k -> new Cursor(k.createdAt, k.id), IntegrationView::of));
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeIntegration", summary = "Revoke an integration API key", description = "Takes effect at once; the key stays listed as revoked. "
            + "Send If-Match with its version (\"0\" while active); revoking a revoked key answers 412.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "412", description = "Already revoked")
    public Uni<Response> revoke(UUID id, @HeaderParam("If-Match") String ifMatch) {
        return integrations.revoke(caller.organisationId(), id, ifMatch).map(v -> Response.noContent().build());
    }
}
