package dev.okr.contracts.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Each event record survives the trip through JSON unchanged, and a consumer still reads events of the shape the
 * producers wrote before (during a rolling update, consumers outlive producers and the topics keep old records).
 */
class EventsTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final UUID ORG = UUID.fromString("6f1c0d3e-2b1a-4c8e-9f00-000000000001");
    private static final UUID ID = UUID.fromString("6f1c0d3e-2b1a-4c8e-9f00-000000000002");
    private static final UUID KPI = UUID.fromString("6f1c0d3e-2b1a-4c8e-9f00-000000000003");
    private static final Instant AT = Instant.parse("2026-11-27T09:00:00Z");

    private static <T> T roundTrip(T value, Class<T> type) throws Exception {
        return JSON.readValue(JSON.writeValueAsString(value), type);
    }

    @Test
    void shouldCarryEveryEventThroughJsonUnchanged() throws Exception {
        var kr = new ObjectiveChanged.KeyResult(KPI, ID, "Qualified leads", "KPI_LINKED", "leads", 0.0, 20.0, 12.0, 12.0, null, null,
                KPI, 1, 0, 0.6, "ON_TRACK", "on pace", 7, AT, 3, null, null, null);
        var steps = new ObjectiveChanged.KeyResult(ORG, ID, "Website 2.0", "MILESTONES", null, null, null, null, null, null,
                List.of(new ObjectiveChanged.Milestone(KPI, "Design", 1, true, AT)), null, 3, 1, 0.25, "AT_RISK", "behind", null,
                null, 1, "WEEKLY", true, LocalDate.parse("2026-12-04"));
        var objective = new ObjectiveChanged(ID, ORG, ID, "Grow", null, new ObjectiveChanged.Owner("UNIT", ID.toString()),
                "COMMITTED", "ACTIVE", 0.6, 0.6, 0.5, "ON_TRACK", "AT_RISK", "on pace", null, null, List.of(KPI), List.of(kr, steps),
                4, AT, AT, null, List.of(new ObjectiveChanged.Warning("FEW_KEY_RESULTS", "2 key results: 3 to 5 are advised")), null, AT);
        assertEquals(objective, roundTrip(objective, ObjectiveChanged.class));
        var kpi = new KpiChanged(KPI, ORG, "leads", "Qualified leads", "leads",
                new KpiChanged.Target("AT_LEAST", 20, null, 0.0), 12.0, "ON_TRACK", "AT_RISK", AT, false, 9, "QUARTER",
                LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"), "SUM", List.of(new KpiChanged.Observed(AT, 12.0)), AT);
        assertEquals(kpi, roundTrip(kpi, KpiChanged.class));
        // a recurring KPI's values concern the cycles its current period overlaps; a KPI with one time frame's, every cycle
        assertTrue(kpi.concerns(LocalDate.parse("2026-12-01"), LocalDate.parse("2027-02-28")));
        assertTrue(!kpi.concerns(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-31")));
        assertTrue(!kpi.concerns(LocalDate.parse("2026-07-01"), LocalDate.parse("2026-09-30")));
        assertTrue(new KpiChanged(KPI, ORG, "k", "n", null, null, 1.0, "OFF_TRACK", null, AT, false, 4, null, null, null, null, null, null)
                .concerns(LocalDate.parse("2027-01-01"), LocalDate.parse("2027-03-31")));
        var rollup = new RollupChanged(ID, ORG, 0.0625, 2, 5);
        assertEquals(rollup, roundTrip(rollup, RollupChanged.class));
        var aligned = new AlignmentChanged(ID, ORG, List.of(new AlignmentChanged.Parent(KPI, 2)));
        assertEquals(aligned, roundTrip(aligned, AlignmentChanged.class));
        var unit = new OrgUnitChanged(ID, ORG, null, "TEAM", "Sales", "maria", List.of("maria", "li"), false, 2);
        assertEquals(unit, roundTrip(unit, OrgUnitChanged.class));
        var cycle = new CycleChanged(ID, ORG, "2026-Q4", LocalDate.parse("2026-10-01"), LocalDate.parse("2026-12-31"), "OPEN", 0);
        assertEquals(cycle, roundTrip(cycle, CycleChanged.class));
        var attached = new KpiAttachmentsChanged(KPI, ORG, "leads", "Qualified leads", "leads", 12.0, "ON_TRACK", List.of(ID), List.of(), 4);
        assertEquals(attached, roundTrip(attached, KpiAttachmentsChanged.class));
    }

    @Test
    void shouldReadAnObjectiveEventOfThePreviousShapeWhichCarriedTheRestView() throws Exception {
        // what objectives-service wrote before this record existed: its REST view, with milestones and fields
        // unknown here, without organisationId, ownProgress, previousHealth or kpiIds
        var withKeyResults = JSON.readValue("""
                {"id":"%s","cycleId":"%s","title":"Grow","description":null,"owner":{"type":"PERSON","id":"maria"},
                 "kind":"COMMITTED","status":"ACTIVE","progress":0.6,"rollupProgress":null,"health":"ON_TRACK",
                 "healthReason":"on pace","score":null,"rolledOverFrom":null,"version":4,"createdAt":"2026-11-27T09:00:00Z",
                 "updatedAt":"2026-11-27T09:00:00Z","closedAt":null,
                 "keyResults":[{"id":"%s","objectiveId":"%s","title":"Leads","type":"KPI_LINKED","unit":"leads","start":0.0,
                   "target":20.0,"current":12.0,"done":null,"milestones":null,"kpiId":"%s","weight":1.0,"position":0,
                   "progress":0.6,"health":"ON_TRACK","healthReason":"x","confidence":null,"lastCheckInAt":null,"version":2}]}"""
                .formatted(ID, ID, KPI, ID, KPI), ObjectiveChanged.class);
        assertEquals(0.6, withKeyResults.ownProgress());
        assertEquals(12.0, withKeyResults.keyResults().get(0).currentValue(), "currentValue is the current it carried");
        assertEquals(List.of(KPI), withKeyResults.kpiIds());
        assertNull(withKeyResults.previousHealth());
        assertEquals("PERSON", withKeyResults.owner().type());
        assertEquals(4, withKeyResults.version());

        var rolledUp = JSON.readValue("""
                {"id":"%s","cycleId":"%s","title":"Lead the market","owner":{"type":"COMPANY","id":"%s"},"kind":"COMMITTED",
                 "status":"ACTIVE","progress":0.0625,"rollupProgress":0.0625,"health":"OFF_TRACK","version":7,"keyResults":[]}"""
                .formatted(ID, ID, ORG), ObjectiveChanged.class);
        assertNull(rolledUp.ownProgress(), "without key results, the progress shown is the roll-up: not the objective's own");
        assertEquals(List.of(), rolledUp.kpiIds());
    }

    @Test
    void shouldReadAKpiEventOfThePreviousShapeWithoutItsPreviousStatus() throws Exception {
        var old = JSON.readValue("""
                {"id":"%s","organisationId":"%s","key":"leads","name":"Leads","unit":"leads",
                 "target":{"operator":"AT_LEAST","value":20,"upperValue":null,"baseline":null},"currentValue":12.0,
                 "status":"ON_TRACK","lastMeasuredAt":"2026-11-27T09:00:00Z","archived":false,"version":3,"someFutureField":1}"""
                .formatted(KPI, ORG), KpiChanged.class);
        assertEquals("ON_TRACK", old.status());
        assertNull(old.previousStatus());
        assertFalse(old.statusChanged());
        assertTrue(new KpiChanged(KPI, ORG, "k", "n", null, null, 1.0, "OFF_TRACK", "ON_TRACK", AT, false, 4, null, null, null, null, null, null).statusChanged());
    }

    @Test
    void shouldReadAlignmentEventsOfThePreviousShape() throws Exception {
        var aligned = JSON.readValue("""
                {"objectiveId":"%s","organisationId":"%s","parents":[{"parentId":"%s","weight":null}]}"""
                .formatted(ID, ORG, KPI), AlignmentChanged.class);
        assertEquals(KPI, aligned.parents().get(0).parentId());
        var unit = JSON.readValue("""
                {"id":"%s","organisationId":"%s","parentId":null,"type":"TEAM","name":"Sales","leadId":null,"archived":false,
                 "version":1}""".formatted(ID, ORG), OrgUnitChanged.class);
        assertEquals(List.of(), unit.members(), "units written before members were carried have none listed");
    }
}
