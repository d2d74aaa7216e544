package dev.okr.gateway.stream;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.okr.contracts.events.AlignmentChanged;
import dev.okr.contracts.events.CycleChanged;
import dev.okr.contracts.events.KpiAttachmentsChanged;
import dev.okr.contracts.events.KpiChanged;
import dev.okr.contracts.events.ObjectiveChanged;
import dev.okr.contracts.events.OrgUnitChanged;
import dev.okr.contracts.events.RollupChanged;

/**
 * Turns the services' CloudEvents (okr.objectives.v1, okr.kpis.v1, okr.alignment.v1) into stream events:
 * the SSE event name from the CloudEvent type, the organisation from its {@code orgid}, and what it is about,
 * read from the event's data as the contracts' records say. A roll-up names only its objective; the unit that owns
 * the objective is remembered from the objective's own events (a bounded cache), so a stream filtered by unit sees
 * its objectives' roll-ups too. A KPI's events are about its id and its key; an objective's, about its KPIs' ids and
 * the keys of those whose events this gateway has seen since it started (likewise remembered). alignment-service's KPI
 * attachment events are about the KPI and each unit and objective it is attached to, so a stream filtered by a unit
 * follows the KPIs attached to it.
 */
public final class StreamEvents {

    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule()).build();

    private final Cache<String, String> unitOfObjective = Caffeine.newBuilder().maximumSize(100_000).build();
    private final Cache<String, String> keyOfKpi = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The stream event for a CloudEvent in structured JSON, or empty when it is not one or names no organisation. */
    public Optional<StreamEvent> from(String cloudEvent) {
        JsonNode event;
        try {
            event = JSON.readTree(cloudEvent);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        if (event == null || !event.isObject()) {
            return Optional.empty();
        }
        String id = text(event, "id");
        String type = text(event, "type");
        String organisation = text(event, "orgid");
        String subject = text(event, "subject");
        if (id == null || type == null || organisation == null || id.contains("\n")) {
            return Optional.empty();
        }
        JsonNode data = event.path("data");
        Set<String> objectives = new HashSet<>();
        Set<String> kpis = new HashSet<>();
        Set<String> units = new HashSet<>();
        String name;
        if (type.startsWith(ObjectiveChanged.TYPE_PREFIX)) {
            name = "objective";
            add(objectives, subject);
            ObjectiveChanged objective = read(data, ObjectiveChanged.class);
            if (objective != null) {
                ObjectiveChanged.Owner owner = objective.owner();
                if (owner != null && "UNIT".equals(owner.type()) && owner.id() != null) {
                    units.add(owner.id());
                    if (subject != null) {
                        unitOfObjective.put(subject, owner.id());
                    }
                }
                objective.kpiIds().forEach(kpi -> {
                    kpis.add(kpi.toString());
                    add(kpis, keyOfKpi.getIfPresent(kpi.toString()));
                });
            }
        } else if (type.startsWith(KpiChanged.TYPE_PREFIX)) {
            name = "kpi";
            add(kpis, subject);
            KpiChanged kpi = read(data, KpiChanged.class);
            if (kpi != null && kpi.key() != null) {
                kpis.add(kpi.key());
                if (subject != null) {
                    keyOfKpi.put(subject, kpi.key());
                }
            }
        } else if (type.startsWith(RollupChanged.TYPE_PREFIX)) {
            name = "rollup";
            add(objectives, subject);
            if (subject != null) {
                add(units, unitOfObjective.getIfPresent(subject));
            }
        } else if (type.startsWith(AlignmentChanged.TYPE_PREFIX)) {
            name = "alignment";
            add(objectives, subject);
        } else if (type.startsWith(OrgUnitChanged.TYPE_PREFIX)) {
            name = "org-unit";
            add(units, subject);
        } else if (type.startsWith(KpiAttachmentsChanged.TYPE_PREFIX)) {
            // a KPI where it is attached: about the KPI, and about each unit and objective it is attached to
            name = "kpi-attachment";
            KpiAttachmentsChanged attached = read(data, KpiAttachmentsChanged.class);
            add(kpis, subject);
            if (attached != null) {
                add(kpis, attached.key());
                attached.unitIds().forEach(u -> units.add(u.toString()));
                attached.objectiveIds().forEach(o -> objectives.add(o.toString()));
            }
        } else if (type.startsWith(CycleChanged.TYPE_PREFIX)) {
            name = "cycle";
        } else {
            name = "change";
        }
        ObjectNode sent = JSON.createObjectNode().put("type", type).put("subject", subject);
        sent.set("time", event.get("time"));
        sent.set("data", event.get("data"));
        return Optional.of(new StreamEvent(id, name, organisation, sent.toString(), Set.copyOf(objectives), Set.copyOf(kpis),
                Set.copyOf(units)));
    }

    /** The event's data as the contract's record, or null when it is not one (the event still streams, unfiltered by it). */
    private static <T> T read(JsonNode data, Class<T> type) {
        if (!data.isObject()) {
            return null;
        }
        try {
            return JSON.treeToValue(data, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    private static void add(Set<String> ids, String id) {
        if (id != null) {
            ids.add(id);
        }
    }
}
