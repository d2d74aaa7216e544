package dev.okr.kpi.measurement;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;

/** Request and response bodies of ingestion. Items are read one by one, so one bad item rejects only itself. */
public final class MeasurementApi {

    private MeasurementApi() {
    }

    public static final int MAX_ITEMS = 10_000;

    @Schema(name = "MeasurementItem", description = "One value of a KPI")
    public record ItemSchema(
            @Schema(description = "In a batch: the KPI's key or id", example = "domestic-leads") String kpi,
            @Schema(required = true, example = "12") double value,
            @Schema(description = "When the value was observed (default: now)", example = "2026-11-20T09:00:00Z") String observedAt,
            @Schema(description = "Labels such as project or region; a grouped KPI needs its groupBy dimension",
                    example = "{\"region\": \"domestic\"}") Map<String, String> dimensions,
            @Schema(description = "The sender's id for this value: a re-sent item with the same id is a duplicate, never a second row",
                    example = "crm-2026-47-leads") String externalId) {
    }

    @Schema(name = "MeasurementBatch")
    public record BatchRequest(
            @NotNull @Schema(description = "Up to 10,000 items, of any KPIs", implementation = ItemSchema[].class) List<JsonNode> items) {
    }

    public enum ItemStatus {
        ACCEPTED, DUPLICATE, REJECTED
    }

    @Schema(name = "ItemResult")
    public record ItemResult(int index, ItemStatus status,
            @Schema(nullable = true, description = "Why the item was rejected; null when it was not", example = "value: must be a finite number") String error) {
    }

    @Schema(name = "BatchResult", description = "What became of every item, in the order sent")
    public record BatchResult(int accepted, int duplicates, int rejected, List<ItemResult> results) {
    }
}
