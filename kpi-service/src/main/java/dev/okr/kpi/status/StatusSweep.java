package dev.okr.kpi.status;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A KPI's status depends on time: the expected value moves along its trajectory, and a KPI whose
 * integration goes quiet must turn NO_DATA. Reads judge the status as of now; this sweep stores it and
 * publishes each change, so other services and live streams hear of it. One replica sweeps at a time.
 */
@ApplicationScoped
public class StatusSweep {

    private static final long LOCK_KEY = 0x6f6b722d6b707373L; // "okr-kpss"
    private static final int BATCH = 200;

    private final Pool pool;
    private final KpiStateUpdater states;
    private final Clock clock;

    public StatusSweep(Pool pool, KpiStateUpdater states, Clock clock) {
        this.pool = pool;
        this.states = states;
        this.clock = clock;
    }

    @Scheduled(every = "${okr.kpi.status-sweep-interval:5m}", delayed = "${okr.kpi.status-sweep-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().invoke(changed -> {
            if (changed > 0) {
                Log.infof("Status sweep: %d KPIs changed status with the passage of time", changed);
            }
        }).onFailure().invoke(e -> Log.warnf("Status sweep failed, next run retries: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Recomputes every active KPI whose time frame runs now (or ended in the last two days); answers how many changed. */
    public Uni<Integer> sweep() {
        // Idempotency-Keys are kept for 24 hours: a retry after that is a new request
        return pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(clock.instant().minus(java.time.Duration.ofHours(24)).atOffset(ZoneOffset.UTC)))
                .chain(() -> batch(new UUID(0, 0), 0));
    }

    private Uni<Integer> batch(UUID after, int changedSoFar) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return pool.withTransaction(c -> c.preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                .execute(Tuple.of(LOCK_KEY))
                .chain(lock -> {
                    if (!lock.iterator().next().getBoolean("locked")) {
                        return Uni.createFrom().item(new Result(0, null, 0));
                    }
                    return c.preparedQuery("select id from kpi where archived_at is null "
                            + "and id > $1 and timeframe_start <= $2 and timeframe_end >= $3 order by id limit " + BATCH)
                            .execute(Tuple.of(after, today.plusDays(1), today.minusDays(2)))
                            .chain(rows -> {
                                List<UUID> ids = new ArrayList<>();
                                for (Row r : rows) {
                                    ids.add(r.getUUID("id"));
                                }
                                UUID last = ids.isEmpty() ? null : ids.get(ids.size() - 1);
                                return states.recompute(c, ids, now).map(changed -> new Result(ids.size(), last, changed.size()));
                            });
                }))
                .chain(result -> result.seen() < BATCH
                        ? Uni.createFrom().item(changedSoFar + result.changed())
                        : batch(result.last(), changedSoFar + result.changed()));
    }

    private record Result(int seen, UUID last, int changed) {
    }
}
