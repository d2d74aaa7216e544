package dev.okr.kpi.measurement;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.PathItem;

import dev.okr.contracts.auth.IngestionRoutes;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.vertx.ext.web.Router;

/**
 * {@code POST /api/v1/measurements:batch} is the public path (the colon may arrive encoded as
 * {@code %3A}); it is rerouted to {@link BatchResource#INTERNAL_PATH} before the REST layer sees it, and
 * the OpenAPI document shows the public path.
 */
@ApplicationScoped
public class BatchRoute {

    void register(@Observes Router router) {
        router.routeWithRegex("/api/v1/measurements(:|%3[aA])batch").order(-100)
                .handler(rc -> rc.reroute(BatchResource.INTERNAL_PATH));
    }

    /**
     * Shows the batch operation under its public path in the service's OpenAPI document; before the platform's
     * filters, which describe it as an ingestion operation by that path.
     */
    @OpenApiFilter(value = OpenApiFilter.RunStage.BUILD, priority = 1000)
    public static class PublicPath implements OASFilter {

        @Override
        public void filterOpenAPI(OpenAPI openAPI) {
            if (openAPI.getPaths() == null) {
                return;
            }
            PathItem item = openAPI.getPaths().getPathItem(BatchResource.INTERNAL_PATH);
            if (item != null) {
                openAPI.getPaths().removePathItem(BatchResource.INTERNAL_PATH);
                openAPI.getPaths().addPathItem(IngestionRoutes.BATCH_PATH, item);
            }
        }
    }
}
