package dev.okr.kpi.measurement;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.okr.platform.input.Bounds;

/**
 * Reads one measurement item, or says in a sentence why it is rejected. Items are checked one by one
 * so that one bad item does not sink a batch.
 */
final class ItemParser {

    private static final Set<String> FIELDS = Set.of("kpi", "value", "observedAt", "dimensions", "externalId");
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /** The outcome of parsing: an item, or the reason it was rejected. */
    record Outcome(ParsedItem item, String error) {
    }

    private ItemParser() {
    }

    static Outcome parse(int index, JsonNode node, String kpiFromPath, Instant now) {
        if (node == null || !node.isObject()) {
            return reject("body: an item is an object with value and observedAt");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                return reject((Bounds.text(field) == null ? field : "body") + ": unknown field; allowed: " + FIELDS);
            }
        }
        String kpi = kpiFromPath;
        if (kpi == null) {
            JsonNode k = node.get("kpi");
            if (k == null || !k.isTextual() || k.asText().isBlank()) {
                return reject("kpi: the KPI's key or id is required");
            }
            // checked before trimming, which would quietly drop a trailing NUL
            String unstorable = Bounds.text(k.asText());
            if (unstorable != null) {
                return reject("kpi: " + unstorable);
            }
            kpi = k.asText().trim();
        } else if (node.has("kpi") && !kpiFromPath.equals(node.get("kpi").asText())) {
            return reject("kpi: leave it out, or name the KPI of the path");
        }
        JsonNode v = node.get("value");
        if (v == null || v.isNull()) {
            return reject("value: is required");
        }
        if (!v.isNumber()) {
            return reject("value: must be a number");
        }
        double value = v.doubleValue();
        String outOfBounds = Bounds.number(value);
        if (outOfBounds != null) {
            return reject("value: " + outOfBounds);
        }
        Instant observedAt = now;
        JsonNode o = node.get("observedAt");
        if (o != null && !o.isNull()) {
            if (!o.isTextual()) {
                return reject("observedAt: must be an ISO-8601 date-time in UTC, e.g. 2026-11-20T09:00:00Z");
            }
            try {
                observedAt = Instant.parse(o.asText());
            } catch (DateTimeParseException e) {
                return reject("observedAt: must be an ISO-8601 date-time in UTC, e.g. 2026-11-20T09:00:00Z");
            }
            if (observedAt.isAfter(now.plus(CLOCK_SKEW))) {
                return reject("observedAt: is in the future");
            }
            if (observedAt.isBefore(EARLIEST)) {
                return reject("observedAt: is before 2000-01-01");
            }
        }
        Map<String, String> dimensions = null;
        JsonNode d = node.get("dimensions");
        if (d != null && !d.isNull()) {
            if (!d.isObject()) {
                return reject("dimensions: must be an object of names to values");
            }
            if (d.size() > 10) {
                return reject("dimensions: at most 10");
            }
            dimensions = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = d.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().isBlank() || e.getKey().length() > 64) {
                    return reject("dimensions: names are 1 to 64 characters");
                }
                String unstorableName = Bounds.text(e.getKey());
                if (unstorableName != null) {
                    return reject("dimensions: names " + unstorableName);
                }
                if (!e.getValue().isTextual() && !e.getValue().isNumber()) {
                    return reject("dimensions." + e.getKey() + ": must be a string");
                }
                String text = e.getValue().asText();
                if (text.isBlank() || text.length() > 200) {
                    return reject("dimensions." + e.getKey() + ": values are 1 to 200 characters");
                }
                String unstorableValue = Bounds.text(text);
                if (unstorableValue != null) {
                    return reject("dimensions." + e.getKey() + ": " + unstorableValue);
                }
                dimensions.put(e.getKey(), text);
            }
        }
        String externalId = null;
        JsonNode x = node.get("externalId");
        if (x != null && !x.isNull()) {
            if (!x.isTextual() || x.asText().isBlank() || x.asText().length() > 200) {
                return reject("externalId: must be a string of 1 to 200 characters");
            }
            externalId = x.asText();
            String unstorableId = Bounds.text(externalId);
            if (unstorableId != null) {
                return reject("externalId: " + unstorableId);
            }
        }
        return new Outcome(new ParsedItem(index, kpi, value, observedAt, dimensions, externalId), null);
    }

    private static Outcome reject(String error) {
        return new Outcome(null, error);
    }
}
