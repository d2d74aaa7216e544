package dev.okr.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RouteTableTest {

    private final RouteTable table = new RouteTable(Map.of(
            "objectives", List.of("/api/v1/objectives", "/api/v1/cycles/"),
            "kpi", List.of("/api/v1/kpis", "/api/v1/measurements"),
            "alignment", List.of("/api/v1/objectives/aligned", "/api/v1/org-units"),
            "due", List.of("/api/v1/org-units/*/check-ins")));

    @Test
    void shouldRouteAPrefixAndEverythingBelowIt() {
        assertEquals(Optional.of("objectives"), table.serviceFor("/api/v1/objectives"));
        assertEquals(Optional.of("objectives"), table.serviceFor("/api/v1/objectives/42/key-results"));
        assertEquals(Optional.of("objectives"), table.serviceFor("/api/v1/cycles"));
    }

    @Test
    void shouldRouteAColonActionToThePrefixOwner() {
        assertEquals(Optional.of("kpi"), table.serviceFor("/api/v1/measurements:batch"));
        assertEquals(Optional.of("kpi"), table.serviceFor("/api/v1/measurements%3Abatch"));
    }

    @Test
    void shouldPreferTheLongestPrefix() {
        assertEquals(Optional.of("alignment"), table.serviceFor("/api/v1/objectives/aligned/7"));
    }

    @Test
    void shouldNotMatchInsideASegment() {
        assertEquals(Optional.empty(), table.serviceFor("/api/v1/kpisx"));
        assertEquals(Optional.empty(), table.serviceFor("/api/v1/unknown"));
    }

    @Test
    void shouldTellWhichServiceOwnsADocumentedPath() {
        assertTrue(table.owns("kpi", "/api/v1/kpis/{id}"));
        assertFalse(table.owns("kpi", "/q/health"));
        assertFalse(table.owns("objectives", "/api/v1/kpis"));
    }

    @Test
    void shouldLetAStarStandForOneSegment() {
        assertEquals(Optional.of("due"), table.serviceFor("/api/v1/org-units/5d1c/check-ins/due"));
        assertEquals(Optional.of("due"), table.serviceFor("/api/v1/org-units/5d1c/check-ins?limit=2"));
        assertEquals(Optional.of("alignment"), table.serviceFor("/api/v1/org-units/5d1c"));
        assertEquals(Optional.of("alignment"), table.serviceFor("/api/v1/org-units/5d1c/check-insx"));
        assertEquals(Optional.of("alignment"), table.serviceFor("/api/v1/org-units//check-ins"));
        assertTrue(table.owns("due", "/api/v1/org-units/{id}/check-ins/due"));
        assertEquals("/api/v1/org-units/{id}/check-ins/{path}", table.template("/api/v1/org-units/5d1c/check-ins/due"));
        assertEquals("/api/v1/org-units/{path}", table.template("/api/v1/org-units/5d1c"));
    }
}
