package dev.okr.alignment.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.okr.alignment.rollup.Rollups.Child;

class RollupsTest {

    @Test
    void shouldRollALeafUpToItsOwnProgress() {
        assertEquals(0.5, Rollups.rollup(0.5, List.of(), 1));
        assertEquals(0.0, Rollups.rollup(null, List.of(), 1), "no key results, no children: nothing done");
    }

    @Test
    void shouldFollowTheCascadeOfDesignMd() {
        // person 0.5 → team (own 0) 0.25 → department (own 0) 0.125 → company (no key results; departments 0.125 and 0) 0.0625
        double person = Rollups.rollup(0.5, List.of(), 1);
        double team = Rollups.rollup(0.0, List.of(new Child(person, 1)), 1);
        double department = Rollups.rollup(0.0, List.of(new Child(team, 1)), 1);
        double otherDepartment = Rollups.rollup(0.0, List.of(), 1);
        double company = Rollups.rollup(null, List.of(new Child(department, 1), new Child(otherDepartment, 1)), 1);
        assertEquals(0.5, person);
        assertEquals(0.25, team);
        assertEquals(0.125, department);
        assertEquals(0.0625, company);
    }

    @Test
    void shouldWeighChildrenByTheirLinks() {
        // own 0.2 (weight 1), children 0.8 (weight 3) and 0.4 (weight 1): (0.2 + 2.4 + 0.4) / 5 = 0.6
        assertEquals(0.6, Rollups.rollup(0.2, List.of(new Child(0.8, 3), new Child(0.4, 1)), 1), 1e-12);
    }

    @Test
    void shouldLeaveOutTheOwnProgressOfAnObjectiveWithoutKeyResults() {
        assertEquals(0.5, Rollups.rollup(null, List.of(new Child(0.8, 1), new Child(0.2, 1)), 1), 1e-12);
    }

    @Test
    void shouldHonourTheOrganisationsOwnWeight() {
        // own 1.0 with weight 2, child 0.4 with weight 1: (2 + 0.4) / 3 = 0.8
        assertEquals(0.8, Rollups.rollup(1.0, List.of(new Child(0.4, 1)), 2), 1e-12);
        assertEquals(0.4, Rollups.rollup(1.0, List.of(new Child(0.4, 1)), 0), 1e-12);
    }
}
