package dev.okr.contracts.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The data of objectives-service's objective events on {@code okr.objectives.v1} (key: the objective's id): the
 * objective after the change, what it showed before, and what consumers key on, said plainly.
 *
 * @param kind           COMMITTED or ASPIRATIONAL
 * @param status         ACTIVE, CLOSED or ARCHIVED
 * @param progress       what the objective shows: its own progress, else its roll-up; once closed, its final score
 * @param ownProgress    the weighted progress of its key results (the final score once closed); null without key
 *                       results, when its progress is the roll-up of the objectives aligned under it
 * @param rollupProgress the roll-up alignment-service computed for it, if any
 * @param health         NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, ACHIEVED or MISSED
 * @param previousHealth the health stored before this change; null for a new objective
 * @param kpiIds         the KPIs its key results follow
 * @param warnings       the OKR method's advice on the objective (too few or many key results, a long cycle); empty in
 *                       events written before it existed
 * @param rolledOverFrom the objective this one was carried over from (a roll-over into another cycle)
 * @param rolledOverTo   the objective this one was carried into, when this event was written
 * @param effectiveAt    when the state it carries became true: a check-in's date, a KPI value's observation time; else
 *                       when it was recorded ({@code updatedAt}). Null in events written before it existed
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ObjectiveChanged(
        UUID id,
        UUID organisationId,
        UUID cycleId,
        String title,
        String description,
        Owner owner,
        String kind,
        String status,
        double progress,
        Double ownProgress,
        Double rollupProgress,
        String health,
        String previousHealth,
        String healthReason,
        Double score,
        UUID rolledOverFrom,
        List<UUID> kpiIds,
        List<KeyResult> keyResults,
        long version,
        Instant createdAt,
        Instant updatedAt,
        Instant closedAt,
        List<Warning> warnings,
        UUID rolledOverTo,
        Instant effectiveAt) {

    public static final String TYPE_PREFIX = "dev.okr.objective.";
    public static final String CREATED = TYPE_PREFIX + "created";
    public static final String UPDATED = TYPE_PREFIX + "updated";
    /**
     * The objective took a new roll-up from alignment-service, and nothing else of it changed but what follows from
     * that (the progress it shows, its health): alignment-service, which computed the roll-up, need not apply it
     * unless the health moved.
     */
    public static final String ROLLED_UP = TYPE_PREFIX + "rolled-up";
    public static final String CHECKED_IN = TYPE_PREFIX + "checked-in";
    public static final String ARCHIVED = TYPE_PREFIX + "archived";
    public static final String CLOSED = TYPE_PREFIX + "closed";

    /**
     * Events written before {@code ownProgress} and {@code kpiIds} existed carried the key results only: an objective
     * with key results showed its own progress, and the KPIs are those its key results follow.
     */
    public ObjectiveChanged {
        keyResults = keyResults == null ? List.of() : List.copyOf(keyResults);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        if (kpiIds == null) {
            kpiIds = keyResults.stream().map(KeyResult::kpiId).filter(Objects::nonNull).distinct().toList();
        } else {
            kpiIds = List.copyOf(kpiIds);
        }
        if (ownProgress == null && !keyResults.isEmpty()) {
            ownProgress = progress;
        }
    }

    /** @param type COMPANY, UNIT or PERSON; {@code id} the organisation's, the unit's or the person's */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Owner(String type, String id) {
    }

    /**
     * A key result as the objective shows it.
     *
     * @param type       NUMERIC, BOOLEAN, MILESTONES or KPI_LINKED
     * @param current    where it stands now, as {@code currentValue} (the name the API gives it) says too
     * @param milestones a MILESTONES key result's steps, in order; null for the other types
     * @param cadence    how often it is checked in on (WEEKLY, BIWEEKLY, MONTHLY); null in events written before it existed
     * @param cadenceInherited whether that is the organisation's cadence; null in events written before it existed
     * @param nextCheckInDue the UTC day its next check-in is due, when one is owed
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record KeyResult(UUID id, UUID objectiveId, String title, String type, String unit, Double start, Double target,
            Double current, Double currentValue, Boolean done, List<Milestone> milestones, UUID kpiId, double weight, int position,
            double progress, String health, String healthReason, Integer confidence, Instant lastCheckInAt, long version,
            String cadence, Boolean cadenceInherited, LocalDate nextCheckInDue) {

        /** {@code currentValue} is what the API calls {@code current}, which stays; events written before carry only the latter. */
        public KeyResult {
            if (currentValue == null) {
                currentValue = current;
            }
        }
    }

    /** A piece of the OKR method's advice: its code (FEW_KEY_RESULTS, MANY_KEY_RESULTS, LONG_CYCLE) and what it says. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Warning(String code, String message) {
    }

    /** One weighted step of a MILESTONES key result. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Milestone(UUID id, String title, double weight, boolean completed, Instant completedAt) {
    }
}
