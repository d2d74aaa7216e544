package dev.okr.objectives.checkin;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import dev.okr.objectives.checkin.CheckInApi.CheckInRequest;
import dev.okr.objectives.keyresult.KeyResult;
import dev.okr.objectives.keyresult.Milestone;
import dev.okr.platform.problem.ProblemException;

/** What a check-in must carry for its key result's type, and how it changes the key result. */
public final class CheckInRules {

    /** How far ahead of this service's clock a client's may be: a check-in dated that little in the future is taken as now. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private CheckInRules() {
    }

    /** Applies the check-in's values to the key result (and its milestones); throws when they do not fit its type. */
    public static void apply(KeyResult kr, List<Milestone> milestones, CheckInRequest r, Instant now) {
        apply(kr, milestones, r, now, now);
    }

    /**
     * As {@link #apply(KeyResult, List, CheckInRequest, Instant)} for a check-in that speaks for the moment {@code at}
     * (now, or earlier): milestones it completes are complete since then, and it is the key result's last check-in.
     */
    public static void apply(KeyResult kr, List<Milestone> milestones, CheckInRequest r, Instant at, Instant now) {
        switch (kr.type) {
            case NUMERIC -> {
                refuse(r.done() != null, "done", kr);
                refuse(r.completedMilestones() != null, "completedMilestones", kr);
                if (r.value() == null) {
                    throw ProblemException.invalid("value", "a check-in on a NUMERIC key result needs its new value");
                }
                if (!Double.isFinite(r.value())) {
                    throw ProblemException.invalid("value", "must be a finite number");
                }
                kr.currentValue = r.value();
            }
            case BOOLEAN -> {
                refuse(r.value() != null, "value", kr);
                refuse(r.completedMilestones() != null, "completedMilestones", kr);
                if (r.done() == null) {
                    throw ProblemException.invalid("done", "a check-in on a BOOLEAN key result says whether it is done");
                }
                kr.done = r.done();
            }
            case MILESTONES -> {
                refuse(r.value() != null, "value", kr);
                refuse(r.done() != null, "done", kr);
                if (r.completedMilestones() == null) {
                    throw ProblemException.invalid("completedMilestones",
                            "a check-in on a MILESTONES key result lists the milestones complete so far (possibly none)");
                }
                Set<UUID> known = milestones.stream().map(m -> m.id).collect(Collectors.toSet());
                Set<UUID> completed = new HashSet<>(r.completedMilestones());
                for (UUID id : completed) {
                    if (!known.contains(id)) {
                        throw ProblemException.invalid("completedMilestones", id + " is not a milestone of this key result");
                    }
                }
                for (Milestone m : milestones) {
                    if (completed.contains(m.id) && m.completedAt == null) {
                        m.completedAt = at;
                    } else if (!completed.contains(m.id)) {
                        m.completedAt = null;
                    }
                }
            }
            case KPI_LINKED -> {
                refuse(r.value() != null, "value", kr);
                refuse(r.done() != null, "done", kr);
                refuse(r.completedMilestones() != null, "completedMilestones", kr);
            }
        }
        kr.latestConfidence = r.confidence();
        kr.lastCheckInAt = at;
        kr.updatedAt = now;
    }

    /** What the key result would be after this check-in, leaving it and its milestones as they are: the check-in's checks apply. */
    public static KeyResult preview(KeyResult kr, List<Milestone> milestones, List<Milestone> previewed, CheckInRequest r, Instant at) {
        KeyResult copy = new KeyResult();
        copy.id = kr.id;
        copy.type = kr.type;
        copy.startValue = kr.startValue;
        copy.targetValue = kr.targetValue;
        copy.currentValue = kr.currentValue;
        copy.done = kr.done;
        copy.direction = kr.direction;
        for (Milestone m : milestones) {
            Milestone c = new Milestone();
            c.id = m.id;
            c.weight = m.weight;
            c.completedAt = m.completedAt != null && !m.completedAt.isAfter(at) ? m.completedAt : null;
            previewed.add(c);
        }
        apply(copy, previewed, r, at, at);
        return copy;
    }

    /**
     * The moment a check-in speaks for: now when it names none; refused in the future (a clock up to a minute ahead is
     * taken as now) and before its cycle began.
     */
    public static Instant checkedInAt(Instant requested, Instant now, Instant cycleStartsAt) {
        if (requested == null) {
            return now;
        }
        if (requested.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalid("checkedInAt", "is in the future (it is " + now + " here): a check-in may be dated in the past only");
        }
        if (requested.isBefore(cycleStartsAt)) {
            throw ProblemException.invalid("checkedInAt", "is before the cycle began (" + cycleStartsAt + ")");
        }
        return requested.isAfter(now) ? now : requested;
    }

    static String join(List<UUID> ids) {
        return ids == null ? null : ids.stream().map(UUID::toString).collect(Collectors.joining(","));
    }

    static List<UUID> ids(String joined) {
        if (joined == null) {
            return null;
        }
        if (joined.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(joined.split(",")).map(UUID::fromString).toList();
    }

    private static void refuse(boolean present, String field, KeyResult kr) {
        if (present) {
            String why = kr.type == KeyResult.Type.KPI_LINKED ? "its value follows the KPI" : "it does not apply";
            throw ProblemException.invalid(field, "not for a " + kr.type + " key result: " + why);
        }
    }
}
