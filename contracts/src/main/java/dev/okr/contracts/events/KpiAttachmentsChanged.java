package dev.okr.contracts.events;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of alignment-service's KPI attachment events on {@code okr.alignment.v1} (key: the KPI's id): a KPI that is
 * attached to objectives or org units, as it stands after a change of its value or status or of its attachments, with
 * where it is attached. A live stream filtered by a unit or an objective follows the KPIs attached to it through them.
 *
 * @param status         the KPI's status as kpi-service names it (ON_TRACK, AT_RISK, OFF_TRACK, NO_DATA, ACHIEVED, MISSED)
 * @param unitIds        the org units it is attached to now
 * @param objectiveIds   the objectives it is attached to now
 * @param kpiVersion     the version of the KPI's own event this reflects
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KpiAttachmentsChanged(UUID kpiId, UUID organisationId, String key, String name, String unit, Double currentValue,
        String status, List<UUID> unitIds, List<UUID> objectiveIds, long kpiVersion) {

    public static final String TYPE_PREFIX = "dev.okr.kpi-attachment.";
    /** The KPI's value or status changed, or it was attached somewhere or detached. */
    public static final String CHANGED = TYPE_PREFIX + "changed";

    public KpiAttachmentsChanged {
        unitIds = unitIds == null ? List.of() : List.copyOf(unitIds);
        objectiveIds = objectiveIds == null ? List.of() : List.copyOf(objectiveIds);
    }
}
