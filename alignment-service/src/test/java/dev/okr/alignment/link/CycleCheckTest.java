package dev.okr.alignment.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class CycleCheckTest {

    private final UUID company = new UUID(0, 1);
    private final UUID marketing = new UUID(0, 2);
    private final UUID team = new UUID(0, 3);
    private final UUID person = new UUID(0, 4);
    private final UUID product = new UUID(0, 5);

    // company ← marketing ← team ← person; company ← product
    private final Map<UUID, Set<UUID>> childrenOf = Map.of(
            company, Set.of(marketing, product), marketing, Set.of(team), team, Set.of(person));

    @Test
    void shouldAllowAlignmentsThatKeepADag() {
        assertEquals(Optional.empty(), CycleCheck.firstCycle(person, List.of(product), childrenOf));
        assertEquals(Optional.empty(), CycleCheck.firstCycle(team, List.of(marketing, product), childrenOf));
        assertEquals(Optional.empty(), CycleCheck.firstCycle(product, List.of(marketing), childrenOf), "a second parent is fine");
    }

    @Test
    void shouldRefuseAnObjectiveUnderItself() {
        assertEquals(Optional.of(team), CycleCheck.firstCycle(team, List.of(team), childrenOf));
    }

    @Test
    void shouldRefuseAnObjectiveUnderItsOwnDescendant() {
        assertEquals(Optional.of(person), CycleCheck.firstCycle(company, List.of(person), childrenOf));
        assertEquals(Optional.of(team), CycleCheck.firstCycle(marketing, List.of(product, team), childrenOf));
    }
}
