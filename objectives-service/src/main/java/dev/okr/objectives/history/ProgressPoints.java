package dev.okr.objectives.history;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ProgressPoints implements PanacheRepositoryBase<ProgressPoint, UUID> {

    /**
     * What a series needs of the points before {@code until}, oldest first: in each bucket the last point of each key
     * result (and of the objective itself) and its last with a confidence; and each one's first point, even after
     * {@code until} (a key result created with its objective counts from the objective's first point at its own first). A key result a KPI
     * moves every minute has thousands of points a day; a series reads at most three a bucket.
     */
    private static final String SAMPLED = """
            select * from (
              (select distinct on (coalesce(key_result_id, objective_id), date_trunc('%2$s', at, 'UTC')) * from progress_point
                where %1$s and at < :until
                order by coalesce(key_result_id, objective_id), date_trunc('%2$s', at, 'UTC'), at desc, recorded_at desc)
              union
              (select distinct on (coalesce(key_result_id, objective_id), date_trunc('%2$s', at, 'UTC')) * from progress_point
                where %1$s and at < :until and confidence is not null
                order by coalesce(key_result_id, objective_id), date_trunc('%2$s', at, 'UTC'), at desc, recorded_at desc)
              union
              (select distinct on (coalesce(key_result_id, objective_id)) * from progress_point
                where %1$s
                order by coalesce(key_result_id, objective_id), at, recorded_at)
            ) sampled order by at, recorded_at""";

    /** The objective's points and its key results' before {@code until}, as a series of these buckets needs them. */
    public Uni<List<ProgressPoint>> ofObjective(UUID objectiveId, Instant until, Series.Bucket bucket) {
        return sampled("objective_id = :id", objectiveId, until, bucket);
    }

    /** One key result's points before {@code until}, as a series of these buckets needs them. */
    public Uni<List<ProgressPoint>> ofKeyResult(UUID keyResultId, Instant until, Series.Bucket bucket) {
        return sampled("key_result_id = :id", keyResultId, until, bucket);
    }

    private Uni<List<ProgressPoint>> sampled(String which, UUID id, Instant until, Series.Bucket bucket) {
        // the bucket is one of two words, never the caller's text
        String unit = bucket == Series.Bucket.WEEK ? "week" : "day";
        return getSession().chain(s -> s.createNativeQuery(SAMPLED.formatted(which, unit), ProgressPoint.class)
                .setParameter("id", id).setParameter("until", until).getResultList());
    }

    /**
     * Stores points that follow a KPI's value, one per hour and key result (or objective): the hour's row, dated at its
     * first observation, takes each later value of the hour (a KPI pushed every minute would otherwise write two rows a
     * minute). A series reads days and weeks; a moment within an hour reads that hour's last value.
     */
    public Uni<Void> keepHourly(List<ProgressPoint> points) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ProgressPoint p : points) {
            chain = chain.chain(() -> getSession().chain(s -> {
                var update = s.createNativeQuery("update progress_point set recorded_at = :recorded, progress = :progress, "
                        + "value = :value, health = :health, score = :score where id = (select id from progress_point where "
                        + "objective_id = :objective and " + (p.keyResultId == null ? "key_result_id is null" : "key_result_id = :kr")
                        + " and source = :kpi and at >= date_trunc('hour', :at, 'UTC') and at <= :at order by at desc limit 1)")
                        .setParameter("at", p.at).setParameter("recorded", p.recordedAt).setParameter("progress", p.progress)
                        .setParameter("value", p.value).setParameter("health", p.health).setParameter("score", p.score)
                        .setParameter("objective", p.objectiveId).setParameter("kpi", ProgressPoint.KPI);
                if (p.keyResultId != null) {
                    update.setParameter("kr", p.keyResultId);
                }
                return update.executeUpdate();
            }).chain(updated -> updated > 0 ? Uni.createFrom().voidItem() : persist(p).replaceWithVoid()));
        }
        return chain;
    }

    /** Forgets the key result's points that followed its KPI from {@code from} on (they are written again). */
    public Uni<Void> forgetKpiPoints(UUID keyResultId, Instant from) {
        return delete("keyResultId = ?1 and source = ?2 and at >= ?3", keyResultId, ProgressPoint.KPI, from).replaceWithVoid();
    }

    /** The key result's last point before {@code until}, or null. */
    public Uni<ProgressPoint> lastOf(UUID keyResultId, Instant until) {
        return find("keyResultId = ?1 and at < ?2 order by at desc, recordedAt desc", keyResultId, until).firstResult();
    }
}
