package dev.okr.kpi.measurement;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.okr.kpi.kpi.KpiRepository;
import dev.okr.kpi.status.KpiStateUpdater;
import dev.okr.kpi.tally.MeasurementDays;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditChange;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import dev.okr.platform.web.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A KPI's measurements as history: listed (withdrawn and corrected ones included), corrected (the
 * original is withdrawn, not deleted, and the new value points back to it) or withdrawn. The measurement's
 * day is counted again, and the KPI's value and status follow at once.
 */
@ApplicationScoped
public class Corrections {

    @Schema(name = "Measurement")
    public record MeasurementView(long id, double value, Instant observedAt,
            @Schema(description = "Its dimensions, names to values, as sent ({} without any)", example = "{\"region\": \"north\"}") Map<String, String> dimensions,
            String source,
            @Schema(nullable = true) String externalId, Instant receivedAt,
            @Schema(description = "It arrived after the tracking period it belongs to had passed") boolean late,
            @Schema(nullable = true) Instant withdrawnAt, @Schema(nullable = true, description = "The measurement this one corrects") Long correctionOf, @Schema(nullable = true) String note,
            @Schema(description = "0 while it counts, 1 once withdrawn or corrected: the ETag to send in If-Match") long version) {
    }

    /** A measurement's one change is its withdrawal (a correction withdraws it too): its version before and after. */
    static final long COUNTING = 0;
    static final long WITHDRAWN = 1;

    @Schema(name = "Correction")
    public record CorrectionRequest(@NotNull @Schema(example = "13") Double value,
            @Size(max = 1000) @Schema(example = "CRM double-counted a lead") String note) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> DIMENSIONS = new TypeReference<>() {
    };
    private static final String KPI_BY_KEY = "select id from kpi where organisation_id = $1 and key = $2";
    private static final String KPI_BY_ID = "select id from kpi where organisation_id = $1 and id = $2";
    private static final String COLUMNS = "id, value, observed_at, dimensions::text as dimensions, source, external_id, "
            + "received_at, late, withdrawn_at, correction_of, note";

    private final Pool pool;
    private final KpiStateUpdater states;
    private final AuditTrail audit;
    private final Clock clock;

    public Corrections(Pool pool, KpiStateUpdater states, AuditTrail audit, Clock clock) {
        this.pool = pool;
        this.states = states;
        this.audit = audit;
        this.clock = clock;
    }

    /** Records what a person did to a measurement: its value (and note) before and after, or its withdrawal. */
    private Uni<Void> audit(SqlConnection c, Actor actor, UUID organisationId, UUID kpiId, long measurementId, String action, Double after,
            String note, Instant now) {
        if (actor == null) {
            return Uni.createFrom().voidItem();
        }
        return c.preparedQuery("select value from measurement where id = $1").execute(Tuple.of(measurementId)).chain(rows -> {
            double before = rows.iterator().next().getDouble("value");
            List<AuditChange> changes = new ArrayList<>();
            changes.add(new AuditChange("value", DoubleNode.valueOf(before), after == null ? null : DoubleNode.valueOf(after)));
            changes.add(new AuditChange("withdrawn", BooleanNode.FALSE, BooleanNode.TRUE));
            if (note != null) {
                changes.add(new AuditChange("note", null, TextNode.valueOf(note)));
            }
            return audit.record(c, new AuditTrail.Entry(organisationId, now, actor, action, "measurement", String.valueOf(measurementId),
                    kpiId.toString(), changes));
        });
    }

    /** Newest observation first; the cursor is the last id shown. */
    public Uni<Page<MeasurementView>> list(UUID organisationId, String idOrKey, Long before, int limit) {
        return pool.withConnection(c -> kpi(c, organisationId, idOrKey).chain(kpiId -> c.preparedQuery(
                "select " + COLUMNS + " from measurement where kpi_id = $1 and id < $2 order by id desc limit $3")
                .execute(Tuple.of(kpiId, before == null ? Long.MAX_VALUE : before, limit + 1))
                .map(rows -> {
                    List<MeasurementView> items = new ArrayList<>();
                    for (Row r : rows) {
                        items.add(view(r));
                    }
                    boolean more = items.size() > limit;
                    List<MeasurementView> shown = more ? items.subList(0, limit) : items;
                    return new Page<>(shown, more ? String.valueOf(shown.get(shown.size() - 1).id()) : null);
                })));
    }

    public Uni<MeasurementView> correct(UUID organisationId, String idOrKey, long measurementId, String ifMatch,
            CorrectionRequest request, String source) {
        ETags.require(ifMatch, COUNTING);
        Instant now = clock.instant();
        Actor actor = audit.currentActor();
        return pool.withTransaction(c -> kpi(c, organisationId, idOrKey).chain(kpiId -> withdraw(c, kpiId, measurementId, now)
                .call(original -> audit(c, actor, organisationId, kpiId, measurementId, "measurement.corrected", request.value(),
                        request.note(), now))
                .chain(original -> c.preparedQuery("insert into measurement (kpi_id, observed_at, value, dimensions, dimension_value, "
                        + "source, received_at, late, correction_of, note) select kpi_id, observed_at, $2, dimensions, dimension_value, $3, $4, "
                        + "late, id, $5 from measurement where id = $1 returning " + COLUMNS)
                        .execute(Tuple.of(measurementId, request.value(), source, utc(now), request.note())))
                .call(() -> MeasurementDays.recount(c, measurementId))
                .chain(inserted -> {
                    MeasurementView view = view(inserted.iterator().next());
                    return states.recompute(c, Map.of(kpiId, view.observedAt()), now).replaceWith(view);
                })));
    }

    public Uni<Void> withdraw(UUID organisationId, String idOrKey, long measurementId, String ifMatch) {
        // If-Match is checked against the one version a measurement that still counts can have; one already
        // withdrawn answers 412 below (its version moved), whoever withdrew it
        ETags.require(ifMatch, COUNTING);
        Instant now = clock.instant();
        Actor actor = audit.currentActor();
        return pool.withTransaction(c -> kpi(c, organisationId, idOrKey)
                .chain(kpiId -> withdraw(c, kpiId, measurementId, now)
                        .call(() -> audit(c, actor, organisationId, kpiId, measurementId, "measurement.withdrawn", null, null, now))
                        .call(() -> MeasurementDays.recount(c, measurementId))
                        .chain(observedAt -> states.recompute(c, Map.of(kpiId, observedAt), now)))
                .replaceWithVoid());
    }

    /** Withdraws a measurement that counts; answers when it was observed. */
    private Uni<Instant> withdraw(SqlConnection c, UUID kpiId, long measurementId, Instant now) {
        return c.preparedQuery("update measurement set withdrawn_at = $3 where id = $1 and kpi_id = $2 and withdrawn_at is null "
                + "returning observed_at")
                .execute(Tuple.of(measurementId, kpiId, utc(now)))
                .chain(rows -> {
                    if (rows.rowCount() == 1) {
                        return Uni.createFrom().item(rows.iterator().next().getOffsetDateTime("observed_at").toInstant());
                    }
                    return c.preparedQuery("select withdrawn_at from measurement where id = $1 and kpi_id = $2")
                            .execute(Tuple.of(measurementId, kpiId)).map(existing -> {
                                if (existing.rowCount() == 0) {
                                    throw ProblemException.notFound("measurement of this KPI", measurementId);
                                }
                                throw ProblemException.preconditionFailed("Measurement " + measurementId
                                        + " was already withdrawn or corrected (its version is now " + WITHDRAWN + "): read it again.");
                            });
                });
    }

    private static Uni<UUID> kpi(SqlConnection c, UUID organisationId, String idOrKey) {
        UUID id = KpiRepository.idOf(idOrKey);
        return c.preparedQuery(id != null ? KPI_BY_ID : KPI_BY_KEY).execute(Tuple.of(organisationId, id != null ? id : idOrKey)).map(rows -> {
            if (rows.rowCount() == 0) {
                throw new ProblemException(404, "not-found", "Not found", "No KPI with id or key '" + idOrKey + "' exists.", null);
            }
            return rows.iterator().next().getUUID("id");
        });
    }

    private static MeasurementView view(Row r) {
        return new MeasurementView(r.getLong("id"), r.getDouble("value"), r.getOffsetDateTime("observed_at").toInstant(),
                dimensions(r.getString("dimensions")), r.getString("source"), r.getString("external_id"),
                r.getOffsetDateTime("received_at").toInstant(), r.getBoolean("late"),
                r.getOffsetDateTime("withdrawn_at") == null ? null : r.getOffsetDateTime("withdrawn_at").toInstant(),
                r.getLong("correction_of"), r.getString("note"), r.getValue("withdrawn_at") == null ? COUNTING : WITHDRAWN);
    }

    private static Map<String, String> dimensions(String json) {
        if (json == null) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, DIMENSIONS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored measurement's dimensions are not an object of texts: " + json, e);
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
