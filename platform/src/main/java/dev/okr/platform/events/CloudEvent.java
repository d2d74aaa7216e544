package dev.okr.platform.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A CloudEvents 1.0 event in structured JSON mode, as every service publishes and consumes them.
 * {@code subject} is the aggregate's id (also the Kafka key), {@code orgid} the organisation it
 * belongs to (an extension attribute), and {@code data} the aggregate's state after the change,
 * carrying its {@code version}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String datacontenttype,
        String orgid,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** The {@code version} of the aggregate state in {@code data}, or -1 when it has none. */
    public long dataVersion() {
        return data != null && data.hasNonNull("version") ? data.get("version").asLong() : -1;
    }
}
