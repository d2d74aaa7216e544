package dev.okr.platform.events;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Encodes and decodes CloudEvents in structured JSON mode. */
@ApplicationScoped
public class CloudEvents {

    private final ObjectMapper json;

    public CloudEvents(ObjectMapper json) {
        this.json = json;
    }

    public String encode(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("event cannot be written as JSON: " + event.id(), e);
        }
    }

    /**
     * Reads a record value as a CloudEvent, or throws {@link PoisonEventException} when it is not one
     * (not JSON, wrong spec version, missing id, type or data).
     */
    public CloudEvent decode(String value) {
        if (value == null) {
            throw new PoisonEventException("empty record value", null);
        }
        CloudEvent event;
        try {
            event = json.readValue(value, CloudEvent.class);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new PoisonEventException("not a CloudEvent: " + abbreviate(value), e);
        }
        if (!CloudEvent.SPEC_VERSION.equals(event.specversion()) || event.id() == null || event.type() == null
                || event.data() == null || event.data().isNull()) {
            throw new PoisonEventException("not a CloudEvent 1.0 with id, type and data: " + abbreviate(value), null);
        }
        return event;
    }

    public <T> T data(CloudEvent event, Class<T> type) {
        try {
            return json.treeToValue(event.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new PoisonEventException("event " + event.id() + " of type " + event.type()
                    + " has data that is not a " + type.getSimpleName(), e);
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 200 ? value.substring(0, 200) + "…" : value;
    }
}
