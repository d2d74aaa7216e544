package dev.okr.gateway.stream;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Turns the services' CloudEvents (okr.objectives.v1, okr.kpis.v1, okr.alignment.v1) into stream events:
 * the SSE event name from the CloudEvent type, the organisation from its {@code orgid}, and what it is about.
 * A roll-up names only its objective; the unit that owns the objective is remembered from the objective's
 * own events (a bounded cache), so a stream filtered by unit sees its objectives' roll-ups too.
 */
public final class StreamEvents {

    private final Cache<String, String> unitOfObjective = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The stream event for a CloudEvent in structured JSON, or empty when it is not one or names no organisation. */
    public Optional<StreamEvent> from(String cloudEvent) {
        JsonObject event;
        try {
            event = new JsonObject(cloudEvent);
        } catch (DecodeException | ClassCastException e) {
            return Optional.empty();
        }
        String id = event.getString("id");
        String type = event.getString("type");
        String organisation = event.getString("orgid");
        String subject = event.getString("subject");
        if (id == null || type == null || organisation == null || id.contains("\n")) {
            return Optional.empty();
        }
        Object rawData = event.getValue("data");
        JsonObject data = rawData instanceof JsonObject d ? d : new JsonObject();
        Set<String> objectives = new HashSet<>();
        Set<String> kpis = new HashSet<>();
        Set<String> units = new HashSet<>();
        String name;
        if (type.startsWith("dev.okr.objective.")) {
            name = "objective";
            add(objectives, subject);
            JsonObject owner = data.getJsonObject("owner");
            if (owner != null && "UNIT".equals(owner.getString("type")) && owner.getString("id") != null) {
                units.add(owner.getString("id"));
                if (subject != null) {
                    unitOfObjective.put(subject, owner.getString("id"));
                }
            }
            JsonArray keyResults = data.getJsonArray("keyResults");
            if (keyResults != null) {
                for (Object kr : keyResults) {
                    if (kr instanceof JsonObject k && k.getString("kpiId") != null) {
                        kpis.add(k.getString("kpiId"));
                    }
                }
            }
        } else if (type.startsWith("dev.okr.kpi.")) {
            name = "kpi";
            add(kpis, subject);
        } else if (type.startsWith("dev.okr.rollup.")) {
            name = "rollup";
            add(objectives, subject);
            if (subject != null) {
                add(units, unitOfObjective.getIfPresent(subject));
            }
        } else if (type.startsWith("dev.okr.alignment.")) {
            name = "alignment";
            add(objectives, subject);
        } else if (type.startsWith("dev.okr.orgunit.")) {
            name = "org-unit";
            add(units, subject);
        } else if (type.startsWith("dev.okr.cycle.")) {
            name = "cycle";
        } else {
            name = "change";
        }
        JsonObject sent = new JsonObject().put("type", type).put("subject", subject).put("time", event.getValue("time"))
                .put("data", rawData);
        return Optional.of(new StreamEvent(id, name, organisation, sent.encode(), Set.copyOf(objectives), Set.copyOf(kpis),
                Set.copyOf(units)));
    }

    private static void add(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
