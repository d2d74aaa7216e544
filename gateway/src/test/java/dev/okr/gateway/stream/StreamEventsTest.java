package dev.okr.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StreamEventsTest {

    private final StreamEvents events = new StreamEvents();

    private static String cloudEvent(String id, String type, String org, String subject, String data) {
        return """
                {"specversion":"1.0","id":"%s","type":"%s","source":"/x","subject":"%s","orgid":"%s","data":%s}"""
                .formatted(id, type, subject, org, data);
    }

    private static final String KPI = "6f1c0d3e-2b1a-4c8e-9f00-000000000003";

    @Test
    void shouldNameWhatAnObjectiveEventIsAbout() {
        StreamEvent e = events.from(cloudEvent("e1", "dev.okr.objective.checked-in", "org", "o1",
                "{\"owner\":{\"type\":\"UNIT\",\"id\":\"u1\"},\"kpiIds\":[\"" + KPI + "\"],\"keyResults\":[]}")).orElseThrow();
        assertEquals("objective", e.name());
        assertEquals("org", e.organisation());
        assertEquals(Set.of("o1"), e.objectiveIds());
        assertEquals(Set.of(KPI), e.kpiIds());
        assertEquals(Set.of("u1"), e.unitIds());
        assertTrue(e.data().contains("\"type\":\"dev.okr.objective.checked-in\""));
        assertEquals("id: e1\nevent: objective\ndata: " + e.data() + "\n\n", e.toSse());
    }

    @Test
    void shouldReadTheKpisOfAnObjectiveEventOfThePreviousShape() {
        // written before the contract said kpiIds: the KPIs are those its key results follow
        StreamEvent e = events.from(cloudEvent("e0", "dev.okr.objective.updated", "org", "o1",
                "{\"owner\":{\"type\":\"PERSON\",\"id\":\"maria\"},\"keyResults\":[{\"kpiId\":\"" + KPI
                        + "\"},{\"kpiId\":null},{}]}")).orElseThrow();
        assertEquals(Set.of(KPI), e.kpiIds());
        assertEquals(Set.of(), e.unitIds());
    }

    @Test
    void shouldGiveARollupTheUnitOfItsObjectiveOnceKnown() {
        assertEquals(Set.of(), events.from(cloudEvent("r0", "dev.okr.rollup.changed", "org", "o1", "{}")).orElseThrow().unitIds());
        events.from(cloudEvent("e1", "dev.okr.objective.created", "org", "o1", "{\"owner\":{\"type\":\"UNIT\",\"id\":\"u1\"}}"));
        StreamEvent rollup = events.from(cloudEvent("r1", "dev.okr.rollup.changed", "org", "o1", "{}")).orElseThrow();
        assertEquals("rollup", rollup.name());
        assertEquals(Set.of("u1"), rollup.unitIds());
        // a person's objective belongs to no unit the stream can filter by
        events.from(cloudEvent("e2", "dev.okr.objective.created", "org", "o2", "{\"owner\":{\"type\":\"PERSON\",\"id\":\"maria\"}}"));
        assertEquals(Set.of(), events.from(cloudEvent("r2", "dev.okr.rollup.changed", "org", "o2", "{}")).orElseThrow().unitIds());
    }

    @Test
    void shouldNameKpiUnitAndCycleEvents() {
        assertEquals(Set.of("k1"), events.from(cloudEvent("1", "dev.okr.kpi.measured", "org", "k1", "{}")).orElseThrow().kpiIds());
        assertEquals(Set.of("u1"), events.from(cloudEvent("2", "dev.okr.orgunit.updated", "org", "u1", "{}")).orElseThrow().unitIds());
        assertEquals("cycle", events.from(cloudEvent("3", "dev.okr.cycle.closed", "org", "c1", "{}")).orElseThrow().name());
        assertEquals("alignment", events.from(cloudEvent("4", "dev.okr.alignment.aligned", "org", "o1", "{}")).orElseThrow().name());
        assertEquals("change", events.from(cloudEvent("5", "dev.okr.something.new", "org", "x", "{}")).orElseThrow().name());
    }

    @Test
    void shouldLetAUnitsStreamFollowTheKpisAttachedToIt() {
        String u1 = "6f1c0d3e-2b1a-4c8e-9f00-000000000011";
        String u2 = "6f1c0d3e-2b1a-4c8e-9f00-000000000012";
        String o1 = "6f1c0d3e-2b1a-4c8e-9f00-000000000021";
        StreamEvent e = events.from(cloudEvent("a1", "dev.okr.kpi-attachment.changed", "org", KPI,
                "{\"kpiId\":\"" + KPI + "\",\"key\":\"deals\",\"status\":\"AT_RISK\",\"unitIds\":[\"" + u1 + "\",\"" + u2 + "\"],"
                        + "\"objectiveIds\":[\"" + o1 + "\"],\"kpiVersion\":3}")).orElseThrow();
        assertEquals("kpi-attachment", e.name());
        assertEquals(Set.of(u1, u2), e.unitIds());
        assertEquals(Set.of(o1), e.objectiveIds());
        assertEquals(Set.of(KPI, "deals"), e.kpiIds());
        assertTrue(new StreamFilter("org", Set.of(), Set.of(), Set.of(u2)).accepts(e));
        assertFalse(new StreamFilter("org", Set.of(), Set.of(), Set.of("6f1c0d3e-2b1a-4c8e-9f00-000000000013")).accepts(e));
        // a shape it cannot read still streams, about the KPI alone
        StreamEvent odd = events.from(cloudEvent("a2", "dev.okr.kpi-attachment.changed", "org", KPI, "{\"unitIds\":7}")).orElseThrow();
        assertEquals(Set.of(KPI), odd.kpiIds());
        assertEquals(Set.of(), odd.unitIds());
    }

    @Test
    void shouldLetAStreamFollowAKpiByItsKey() {
        StreamEvent measured = events.from(cloudEvent("k1", "dev.okr.kpi.measured", "org", KPI,
                "{\"id\":\"" + KPI + "\",\"key\":\"domestic-leads\",\"status\":\"ON_TRACK\"}")).orElseThrow();
        assertEquals(Set.of(KPI, "domestic-leads"), measured.kpiIds());
        // an objective whose key result follows the KPI: about its key too, now that the KPI's event was seen
        StreamEvent checkedIn = events.from(cloudEvent("o1", "dev.okr.objective.checked-in", "org", "o1",
                "{\"owner\":{\"type\":\"COMPANY\",\"id\":\"org\"},\"kpiIds\":[\"" + KPI + "\"],\"keyResults\":[]}")).orElseThrow();
        assertEquals(Set.of(KPI, "domestic-leads"), checkedIn.kpiIds());
        StreamFilter byKey = new StreamFilter("org", Set.of(), Set.of("domestic-leads"), Set.of());
        assertTrue(byKey.accepts(measured));
        assertTrue(byKey.accepts(checkedIn));
        assertFalse(new StreamFilter("org", Set.of(), Set.of("other-kpi"), Set.of()).accepts(measured));
    }

    @Test
    void shouldLeaveOutWhatIsNotAnOrganisationsCloudEvent() {
        assertTrue(events.from("not json").isEmpty());
        assertTrue(events.from("[1,2]").isEmpty());
        assertTrue(events.from("{\"id\":\"1\",\"type\":\"dev.okr.kpi.measured\"}").isEmpty(), "no orgid");
        assertTrue(events.from(cloudEvent("a\\nb", "dev.okr.kpi.measured", "org", "k", "{}")).isEmpty(), "an id that would break the SSE framing");
    }

    @Test
    void shouldSendEachStreamItsOrganisationsAcceptedEventsAndReplayAfterALastEventId() {
        EventHub hub = new EventHub(3);
        List<StreamEvent> got = new ArrayList<>();
        StreamFilter onlyK1 = new StreamFilter("org", Set.of(), Set.of("k1"), Set.of());
        EventHub.Subscriber subscriber = new EventHub.Subscriber() {
            public StreamFilter filter() {
                return onlyK1;
            }

            public void send(StreamEvent event) {
                got.add(event);
            }
        };
        hub.subscribe(subscriber, null);
        StreamEvent a = event("a", "org", "k1");
        StreamEvent b = event("b", "org", "k2");
        StreamEvent c = event("c", "other", "k1");
        StreamEvent d = event("d", "org", "k1");
        List.of(a, b, c, d).forEach(hub::publish);
        assertEquals(List.of(a, d), got);
        hub.unsubscribe(subscriber);
        hub.publish(event("e", "org", "k1"));
        assertEquals(2, got.size());

        // the ring holds c, d, e: after c come d and e (both k1 of org); a has fallen out
        EventHub.Replay replay = hub.subscribe(subscriber, "c");
        assertTrue(replay.resumed());
        assertEquals(List.of("d", "e"), replay.events().stream().map(StreamEvent::id).toList());
        EventHub.Replay gone = hub.subscribe(subscriber, "a");
        assertFalse(gone.resumed());
        assertTrue(gone.events().isEmpty());
    }

    @Test
    void shouldAcceptEverythingOfTheOrganisationWithoutFilters() {
        StreamFilter all = new StreamFilter("org", Set.of(), Set.of(), Set.of());
        assertTrue(all.accepts(event("x", "org", "k9")));
        assertFalse(all.accepts(event("x", "another", "k9")));
        StreamFilter some = new StreamFilter("org", Set.of("o1"), Set.of(), Set.of("u1"));
        assertFalse(some.accepts(event("x", "org", "k9")));
        assertTrue(some.accepts(new StreamEvent("y", "rollup", "org", "{}", Set.of("o2"), Set.of(), Set.of("u1"))));
    }

    private static StreamEvent event(String id, String org, String kpi) {
        return new StreamEvent(id, "kpi", org, "{}", Set.of(), Set.of(kpi), Set.of());
    }
}
