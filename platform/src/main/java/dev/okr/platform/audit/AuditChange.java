package dev.okr.platform.audit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One field a change touched: its path ({@code target}, {@code keyResults.<id>.target}) and its value before and after
 * (JSON; null where there was none).
 */
public record AuditChange(String field, JsonNode before, JsonNode after) {
}
