package dev.okr.platform.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * How long this service keeps an organisation's audit entries: a setting per organisation ({@code audit_retention},
 * {@value #DEFAULT_DAYS} days unless set), applied by a purge that runs every hour and deletes what is older, a batch
 * at a time. The gateway sets it in the three services at once ({@code PUT /api/v1/audit/retention}).
 */
@ApplicationScoped
public class AuditRetention {

    public static final int DEFAULT_DAYS = 400;
    public static final int MAX_DAYS = 3650;
    static final int BATCH = 5_000;

    /** The retention in force; {@code isDefault} when the organisation never set one. */
    public record Setting(int days, boolean isDefault) {
    }

    private final Pool pool;
    private final AuditTrail trail;
    private final Clock clock;

    public AuditRetention(Pool pool, AuditTrail trail, Clock clock) {
        this.pool = pool;
        this.trail = trail;
        this.clock = clock;
    }

    public Uni<Setting> get(UUID organisationId) {
        return pool.withConnection(c -> read(c, organisationId));
    }

    /** Sets the organisation's retention; the change is itself in the audit trail (who shortened it, from what). */
    public Uni<Setting> set(UUID organisationId, int days, Actor actor) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("days out of range: " + days);
        }
        // concurrent changes of one organisation's retention queue on a lock, so that each records what it replaced
        return pool.withTransaction(c -> c.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 0))")
                .execute(Tuple.of("audit-retention:" + organisationId))
                .chain(() -> c.preparedQuery("select days from audit_retention where organisation_id = $1")
                        .execute(Tuple.of(organisationId))).chain(rows -> {
                    // read once the lock is held: the trail orders the changes as they were made
                    Instant now = clock.instant();
                    Integer before = rows.rowCount() == 0 ? null : rows.iterator().next().getInteger("days");
                    Uni<Void> stored = c.preparedQuery("insert into audit_retention (organisation_id, days, updated_at) values ($1, $2, $3) "
                            + "on conflict (organisation_id) do update set days = excluded.days, updated_at = excluded.updated_at")
                            .execute(Tuple.of(organisationId, days, now.atOffset(ZoneOffset.UTC))).replaceWithVoid();
                    if (before != null && before == days) {
                        return stored;
                    }
                    return stored.chain(() -> trail.record(c, new AuditTrail.Entry(organisationId, now, actor, "audit-retention.updated",
                            "audit-retention", organisationId.toString(), null, List.of(new AuditChange("days",
                                    before == null ? NullNode.getInstance() : IntNode.valueOf(before), IntNode.valueOf(days))))));
                }).chain(() -> read(c, organisationId)));
    }

    /**
     * Deletes every organisation's entries older than its retention, {@value #BATCH} at a time (each batch its own
     * short transaction, so writers are not held up); answers how many went. One replica purges at a time: another
     * that finds the purge under way leaves it to that one.
     */
    public Uni<Long> purge(Instant now) {
        return purgeBatch(now).chain(deleted -> deleted < BATCH ? Uni.createFrom().item((long) deleted)
                : purge(now).map(more -> deleted + more));
    }

    private Uni<Integer> purgeBatch(Instant now) {
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("select pg_try_advisory_xact_lock(hashtextextended('audit-retention', 0)) as mine")
                .execute().chain(lock -> !lock.iterator().next().getBoolean("mine") ? Uni.createFrom().item(0)
                        // the organisations that set a retention, each read by its own index range; then the others, by age
                        : c.preparedQuery("delete from audit_entry where id in (select a.id from audit_retention r "
                                + "cross join lateral (select e.id from audit_entry e where e.organisation_id = r.organisation_id "
                                + "and e.at < $1::timestamptz - make_interval(days => r.days) limit $2) a limit $2)")
                                .execute(Tuple.of(at, BATCH)).map(rows -> rows.rowCount())
                                .chain(set -> set >= BATCH ? Uni.createFrom().item(set)
                                        : c.preparedQuery("delete from audit_entry where id in (select e.id from audit_entry e "
                                                + "where e.at < $1::timestamptz - make_interval(days => $2) and not exists (select 1 from "
                                                + "audit_retention r where r.organisation_id = e.organisation_id) limit $3)")
                                                .execute(Tuple.of(at, DEFAULT_DAYS, BATCH - set)).map(rows -> set + rows.rowCount()))));
    }

    @Scheduled(every = "${okr.audit.purge-every:1h}", delayed = "${okr.audit.purge-delay:5m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return purge(clock.instant()).invoke(deleted -> {
            if (deleted > 0) {
                Log.infof("Audit retention: %d entries older than their organisation's retention deleted", deleted);
            }
        }).onFailure().invoke(e -> Log.warnf("Audit retention purge failed, the next run retries: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private static Uni<Setting> read(SqlConnection c, UUID organisationId) {
        return c.preparedQuery("select days from audit_retention where organisation_id = $1").execute(Tuple.of(organisationId))
                .map(rows -> rows.rowCount() == 0 ? new Setting(DEFAULT_DAYS, true)
                        : new Setting(rows.iterator().next().getInteger("days"), false));
    }
}
