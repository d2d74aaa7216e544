package dev.okr.objectives.checkin;

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

    private CheckInRules() {
    }

    /** Applies the check-in's values to the key result (and its milestones); throws when they do not fit its type. */
    public static void apply(KeyResult kr, List<Milestone> milestones, CheckInRequest r, Instant now) {
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
                        m.completedAt = now;
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
        kr.lastCheckInAt = now;
        kr.updatedAt = now;
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
