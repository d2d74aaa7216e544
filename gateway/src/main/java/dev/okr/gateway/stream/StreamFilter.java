package dev.okr.gateway.stream;

import java.util.Set;

/**
 * Which of its organisation's events a stream wants: all of them when no id is given, else those about one
 * of the given objectives, KPIs or units (any of them: a widget watching a unit and two KPIs opens one stream).
 */
public record StreamFilter(String organisation, Set<String> objectiveIds, Set<String> kpiIds, Set<String> unitIds) {

    public boolean accepts(StreamEvent event) {
        if (!organisation.equals(event.organisation())) {
            return false;
        }
        if (objectiveIds.isEmpty() && kpiIds.isEmpty() && unitIds.isEmpty()) {
            return true;
        }
        return overlaps(objectiveIds, event.objectiveIds()) || overlaps(kpiIds, event.kpiIds()) || overlaps(unitIds, event.unitIds());
    }

    private static boolean overlaps(Set<String> wanted, Set<String> about) {
        for (String id : about) {
            if (wanted.contains(id)) {
                return true;
            }
        }
        return false;
    }
}
