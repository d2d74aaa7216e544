package dev.okr.objectives.keyresult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.okr.objectives.keyresult.KeyResultApi.KeyResultRequest;
import dev.okr.objectives.keyresult.KeyResultApi.MilestoneRequest;
import dev.okr.platform.problem.ProblemException;

/** Builds and changes key results from requests, after {@link KeyResultRules#check} accepted them. */
public final class KeyResultFactory {

    private KeyResultFactory() {
    }

    public static KeyResult create(UUID organisationId, UUID objectiveId, KeyResultRequest r, int position, Instant now) {
        String unit = KeyResultRules.check(r);
        KeyResult kr = new KeyResult();
        kr.id = UUID.randomUUID();
        kr.objectiveId = objectiveId;
        kr.organisationId = organisationId;
        kr.position = position;
        kr.type = r.type();
        kr.createdAt = now;
        apply(kr, r, unit, now);
        if (r.type() == KeyResult.Type.NUMERIC) {
            kr.currentValue = r.current() != null ? r.current() : r.start();
        }
        return kr;
    }

    /** Applies a changed definition; the type of a key result cannot change (its history would not fit). */
    public static void change(KeyResult kr, KeyResultRequest r, Instant now) {
        if (r.type() != kr.type) {
            throw ProblemException.invalid("type", "a " + kr.type + " key result cannot become " + r.type()
                    + ": remove it and add a new one");
        }
        String unit = KeyResultRules.check(r);
        apply(kr, r, unit, now);
        if (r.type() == KeyResult.Type.NUMERIC && r.current() != null) {
            kr.currentValue = r.current();
        }
    }

    /**
     * A KPI_LINKED key result that keeps its KPI keeps the start, target and unit it has unless the request gives
     * them; one that follows another KPI (or a new one) takes them from that KPI ({@link KpiLinks#link}) unless given.
     */
    private static void apply(KeyResult kr, KeyResultRequest r, String unit, Instant now) {
        boolean sameKpi = r.type() == KeyResult.Type.KPI_LINKED && r.kpiId().equals(kr.kpiId);
        kr.title = r.title().strip();
        kr.unit = unit == null && sameKpi ? kr.unit : unit;
        kr.weight = r.weight() == null ? 1 : r.weight();
        kr.cadence = r.cadence();
        kr.updatedAt = now;
        switch (r.type()) {
            case NUMERIC -> {
                kr.startValue = r.start();
                kr.targetValue = r.target();
            }
            case KPI_LINKED -> {
                kr.kpiId = r.kpiId();
                kr.startValue = r.start() != null ? r.start() : sameKpi ? kr.startValue : null;
                kr.targetValue = r.target() != null ? r.target() : sameKpi ? kr.targetValue : null;
            }
            case BOOLEAN, MILESTONES -> {
                // no values: progress comes from done or from the milestones
            }
        }
    }

    /**
     * The milestones a request describes: those naming an existing id keep it and whether they are
     * complete; the others are new. An id that is not one of this key result's milestones is an error.
     */
    public static List<Milestone> milestones(KeyResult kr, List<MilestoneRequest> requested, List<Milestone> existing) {
        Map<UUID, Milestone> byId = new HashMap<>();
        existing.forEach(m -> byId.put(m.id, m));
        List<Milestone> result = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            MilestoneRequest r = requested.get(i);
            Milestone m;
            if (r.id() != null) {
                m = byId.get(r.id());
                if (m == null) {
                    throw ProblemException.invalid("milestones[" + i + "].id", "not a milestone of this key result");
                }
            } else {
                m = new Milestone();
                m.id = UUID.randomUUID();
                m.keyResultId = kr.id;
            }
            m.position = i;
            m.title = r.title().strip();
            m.weight = r.weight() == null ? 1 : r.weight();
            result.add(m);
        }
        return result;
    }
}
