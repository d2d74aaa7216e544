package dev.okr.objectives.objective;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.contracts.events.ObjectiveChanged;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;

/**
 * Health depends on time: a key result that sits still slides from on track to at risk as its cycle goes
 * on. Reads always compute health as of now; this sweep brings the stored health (what list filters use)
 * up to date and publishes each objective whose health changed, so other services and live streams hear
 * of it without anyone writing. One replica sweeps at a time (a transaction-scoped advisory lock).
 */
@ApplicationScoped
public class HealthSweep {

    private static final long LOCK_KEY = 0x6f6b722d68656c74L; // "okr-helt"
    private static final int BATCH = 200;

    private final ObjectiveRepository repository;
    private final Objectives objectives;
    private final Clock clock;

    public HealthSweep(ObjectiveRepository repository, Objectives objectives, Clock clock) {
        this.repository = repository;
        this.objectives = objectives;
        this.clock = clock;
    }

    @Scheduled(every = "${okr.health.sweep-interval:10m}", delayed = "${okr.health.sweep-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sweep().invoke(changed -> {
            if (changed > 0) {
                Log.infof("Health sweep: %d objectives changed health with the passage of time", changed);
            }
        }).onFailure().invoke(e -> Log.warnf("Health sweep failed, next run retries: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sweeps every active objective whose cycle runs now (or ended in the last two days); answers how many changed. */
    public Uni<Integer> sweep() {
        return batch(new UUID(0, 0), 0);
    }

    private Uni<Integer> batch(UUID after, int changedSoFar) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK_KEY + ")", Boolean.class).getSingleResult())
                .chain(locked -> locked ? sweepAfter(after) : Uni.createFrom().item(new Result(List.of(), 0))))
                .chain(result -> result.seen().size() < BATCH
                        ? Uni.createFrom().item(changedSoFar + result.changed())
                        : batch(result.seen().get(result.seen().size() - 1), changedSoFar + result.changed()));
    }

    private record Result(List<UUID> seen, int changed) {
    }

    private Uni<Result> sweepAfter(UUID after) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        return repository.activeInCyclesRunning(today, after, BATCH).chain(ids -> objectives.changeEach(ids,
                draft -> Uni.createFrom().item(draft.isActive() && draft.health().health() != draft.objective().health
                        ? ObjectiveChanged.UPDATED : null))
                .map(changed -> new Result(ids, changed)));
    }
}
