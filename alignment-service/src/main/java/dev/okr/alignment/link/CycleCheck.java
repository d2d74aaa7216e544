package dev.okr.alignment.link;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Alignment links form a DAG: aligning {@code child} under {@code parent} closes a circle when the parent
 * is the child itself or already sits below the child.
 */
public final class CycleCheck {

    private CycleCheck() {
    }

    /**
     * @param childrenOf the aligned children of each objective below {@code child} (at least its subtree)
     * @return the first proposed parent that would close a circle, if any
     */
    public static Optional<UUID> firstCycle(UUID child, List<UUID> proposedParents, Map<UUID, Set<UUID>> childrenOf) {
        Set<UUID> below = new HashSet<>();
        Deque<UUID> todo = new ArrayDeque<>(childrenOf.getOrDefault(child, Set.of()));
        while (!todo.isEmpty()) {
            UUID next = todo.pop();
            if (below.add(next)) {
                todo.addAll(childrenOf.getOrDefault(next, Set.of()));
            }
        }
        return proposedParents.stream().filter(p -> p.equals(child) || below.contains(p)).findFirst();
    }
}
