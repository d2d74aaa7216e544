package dev.okr.kpi.kpi;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * What the audit trail keeps of a KPI's definition (what a person sets: key, name, target, time frame or period, data
 * source, owner, tags, archived), read in the transaction of the change before and after it.
 */
@ApplicationScoped
public class KpiAudit {

    private static final String DEFINITION = "select jsonb_build_object('key', k.key, 'name', k.name, 'description', k.description, "
            + "'unit', k.unit, 'target', jsonb_build_object('operator', k.target_operator, 'value', k.target_value, "
            + "'upperValue', k.target_upper_value, 'baseline', k.baseline), 'timeframe', jsonb_build_object('start', k.timeframe_start, "
            + "'end', k.timeframe_end), 'period', case when k.period_every is null then null else jsonb_build_object('every', "
            + "k.period_every, 'anchor', k.period_anchor) end, 'dataSource', jsonb_build_object('type', k.source_type, 'system', "
            + "k.source_system, 'formula', k.formula), 'frequency', k.frequency, 'aggregation', k.aggregation, 'groupBy', k.group_by, "
            + "'atRiskBand', k.at_risk_band, 'owner', k.owner_id, 'archived', k.archived_at is not null, 'tags', "
            + "coalesce((select jsonb_agg(t.tag order by t.tag) from kpi_tag t where t.kpi_id = k.id), '[]'::jsonb))::text "
            + "from kpi k where k.id = $1";

    private final AuditTrail audit;
    private final ObjectMapper json;

    public KpiAudit(AuditTrail audit, ObjectMapper json) {
        this.audit = audit;
        this.json = json;
    }

    /** The person or integration behind the current request (null for none): take it before the transaction starts. */
    public Actor actor() {
        return audit.currentActor();
    }

    /** The KPI's definition now, in this transaction; null without an actor (nothing will be recorded). */
    public Uni<JsonNode> definition(SqlConnection c, UUID kpiId, Actor actor) {
        if (actor == null) {
            return Uni.createFrom().nullItem();
        }
        return c.preparedQuery(DEFINITION).execute(Tuple.of(kpiId)).map(rows -> {
            try {
                return rows.size() == 0 ? null : json.readTree(rows.iterator().next().getString(0));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a KPI's definition could not be read as JSON", e);
            }
        });
    }

    /** Records {@code action} (kpi.created, kpi.updated, kpi.archived) with what changed since {@code before}. */
    public Uni<Void> record(SqlConnection c, Actor actor, UUID organisationId, UUID kpiId, String action, JsonNode before, Instant at) {
        if (actor == null) {
            return Uni.createFrom().voidItem();
        }
        return definition(c, kpiId, actor).chain(after -> audit.record(c, new AuditTrail.Entry(organisationId, at, actor, action, "kpi",
                kpiId.toString(), null, Diff.of(before, after))));
    }
}
