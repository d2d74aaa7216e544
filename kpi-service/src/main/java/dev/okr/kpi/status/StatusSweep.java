package dev.okr.kpi.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.kpi.kpi.Periods;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
    private final Periods periods;
    private final Clock clock;
    private final Counter failures;

    public StatusSweep(Pool pool, KpiStateUpdater states, Periods periods, Clock clock, MeterRegistry metrics) {
        this.pool = pool;
        this.states = states;
        this.periods = periods;
        this.clock = clock;
        this.failures = Counter.builder("okr.kpi.status.sweep.failures")
                .description("KPIs the status sweep could not judge (each logged with its id and organisation)")
                .register(metrics);
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

    /**
     * Recomputes every active KPI whose time frame runs now (or ended in the last two days); answers how many
     * changed. One replica sweeps at a time (a session advisory lock, held on a connection of its own).
     */
    public Uni<Integer> sweep() {
        // Idempotency-Keys are kept for 24 hours: a retry after that is a new request
        return pool.preparedQuery("delete from idempotency_key where created_at < $1")
                .execute(Tuple.of(clock.instant().minus(Duration.ofHours(24)).atOffset(ZoneOffset.UTC)))
                .chain(() -> pool.withConnection(lock -> lock.preparedQuery("select pg_try_advisory_lock($1) as locked")
                        .execute(Tuple.of(LOCK_KEY))
                        .chain(rows -> !rows.iterator().next().getBoolean("locked") ? Uni.createFrom().item(0)
                                : roll(new UUID(0, 0), 0).invoke(rolled -> {
                                    if (rolled > 0) {
                                        Log.infof("Status sweep: %d recurring KPIs moved into their next period", rolled);
                                    }
                                }).chain(rolled -> batch(new UUID(0, 0), 0))
                                        .onTermination().call(() -> lock.preparedQuery(
                                        "select pg_advisory_unlock($1)").execute(Tuple.of(LOCK_KEY))))));
    }

    /**
     * Moves each recurring KPI whose period has ended into the period that holds today ({@link Periods#roll}), one
     * transaction each, so one that cannot be moved never holds the others back; answers how many moved.
     */
    private Uni<Integer> roll(UUID after, int rolledSoFar) {
        Instant now = clock.instant();
        return pool.preparedQuery("select id, organisation_id from kpi where period_every is not null and archived_at is null "
                + "and timeframe_end < $1 and id > $2 order by id limit " + BATCH)
                .execute(Tuple.of(LocalDate.ofInstant(now, ZoneOffset.UTC), after))
                .chain(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(r -> due.add(new Due(r.getUUID("id"), r.getUUID("organisation_id"))));
                    Uni<Integer> chain = Uni.createFrom().item(rolledSoFar);
                    for (Due kpi : due) {
                        chain = chain.chain(sum -> pool.withTransaction(c -> periods.roll(c, kpi.id(), now))
                                .map(moved -> moved ? sum + 1 : sum)
                                .onFailure().recoverWithItem(e -> {
                                    failures.increment();
                                    Log.warnf("Status sweep could not move KPI %s of organisation %s into its next period, skipped this "
                                            + "round: %s", kpi.id(), kpi.organisationId(), e.toString());
                                    return sum;
                                }));
                    }
                    return due.size() < BATCH ? chain : chain.chain(sum -> roll(due.get(due.size() - 1).id(), sum));
                });
    }

    private record Due(UUID id, UUID organisationId) {
    }

    private Uni<Integer> batch(UUID after, int changedSoFar) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return pool.preparedQuery("select id, organisation_id from kpi where archived_at is null "
                + "and id > $1 and timeframe_start <= $2 and timeframe_end >= $3 order by id limit " + BATCH)
                .execute(Tuple.of(after, today.plusDays(1), today.minusDays(2)))
                .chain(rows -> {
                    List<Due> due = new ArrayList<>();
                    rows.forEach(r -> due.add(new Due(r.getUUID("id"), r.getUUID("organisation_id"))));
                    if (due.isEmpty()) {
                        return Uni.createFrom().item(changedSoFar);
                    }
                    Uni<Integer> judged = judgeTogether(due, now).onFailure().recoverWithUni(e -> judgeOneByOne(due, now));
                    UUID last = due.get(due.size() - 1).id();
                    return judged.chain(changed -> due.size() < BATCH ? Uni.createFrom().item(changedSoFar + changed)
                            : batch(last, changedSoFar + changed));
                });
    }

    /** The usual case: a page of KPIs in one transaction. */
    private Uni<Integer> judgeTogether(List<Due> due, Instant now) {
        return pool.withTransaction(c -> states.recompute(c, due.stream().map(Due::id).toList(), now)).map(List::size);
    }

    /**
     * When the page failed, each KPI on its own, so one that cannot be judged (whatever its organisation put
     * into it) never keeps the others from turning NO_DATA or changing status.
     */
    private Uni<Integer> judgeOneByOne(List<Due> due, Instant now) {
        Uni<Integer> chain = Uni.createFrom().item(0);
        for (Due kpi : due) {
            chain = chain.chain(sum -> pool.withTransaction(c -> states.recompute(c, List.of(kpi.id()), now))
                    .map(changed -> sum + changed.size())
                    .onFailure().recoverWithItem(e -> {
                        failures.increment();
                        Log.warnf("Status sweep could not judge KPI %s of organisation %s, skipped this round: %s",
                                kpi.id(), kpi.organisationId(), e.toString());
                        return sum;
                    }));
        }
        return chain;
    }
}
