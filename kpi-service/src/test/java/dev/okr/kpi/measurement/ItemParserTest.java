package dev.okr.kpi.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One measurement item read, or rejected with a sentence naming the field — never an exception. */
class ItemParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    private static ItemParser.Outcome parse(String item, String kpiFromPath) throws Exception {
        JsonNode node = JSON.readTree(item);
        return ItemParser.parse(3, node, kpiFromPath, NOW);
    }

    private static String rejected(String item) throws Exception {
        ItemParser.Outcome o = parse(item, null);
        assertNull(o.item(), item);
        return o.error();
    }

    @Test
    void shouldReadAnItemWithEveryField() throws Exception {
        ParsedItem item = parse("{\"kpi\":\" leads \",\"value\":12.5,\"observedAt\":\"2026-11-30T09:00:00Z\","
                + "\"dimensions\":{\"region\":\"north\",\"year\":2026},\"externalId\":\"crm-1\"}", null).item();
        assertEquals(3, item.index());
        assertEquals("leads", item.kpi());
        assertEquals(12.5, item.value());
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), item.observedAt());
        assertEquals(Map.of("region", "north", "year", "2026"), item.dimensions());
        assertEquals("crm-1", item.externalId());
    }

    @Test
    void shouldTakeTheKpiFromThePathAndTheTimeOfReceiptByDefault() throws Exception {
        ParsedItem item = parse("{\"value\":1}", "leads").item();
        assertEquals("leads", item.kpi());
        assertEquals(NOW, item.observedAt());
        assertEquals("kpi: leave it out, or name the KPI of the path", parse("{\"kpi\":\"other\",\"value\":1}", "leads").error());
    }

    @Test
    void shouldNameTheFieldOfEveryRejection() throws Exception {
        assertEquals("kpi: the KPI's key or id is required", rejected("{\"value\":1}"));
        assertEquals("value: is required", rejected("{\"kpi\":\"k\"}"));
        assertEquals("value: must be a number", rejected("{\"kpi\":\"k\",\"value\":\"12\"}"));
        assertEquals("value: must be between -1e15 and 1e15", rejected("{\"kpi\":\"k\",\"value\":1e160}"));
        assertEquals("value: must be between -1e15 and 1e15", rejected("{\"kpi\":\"k\",\"value\":-1.7e308}"));
        assertEquals("observedAt: is in the future", rejected("{\"kpi\":\"k\",\"value\":1,\"observedAt\":\"2026-12-01T12:06:00Z\"}"));
        assertEquals("observedAt: is before 2000-01-01", rejected("{\"kpi\":\"k\",\"value\":1,\"observedAt\":\"1999-12-31T23:59:59Z\"}"));
        assertEquals("observedAt: must be an ISO-8601 date-time in UTC, e.g. 2026-11-20T09:00:00Z",
                rejected("{\"kpi\":\"k\",\"value\":1,\"observedAt\":\"yesterday\"}"));
        assertEquals("dimensions: must be an object of names to values", rejected("{\"kpi\":\"k\",\"value\":1,\"dimensions\":[]}"));
        assertEquals("externalId: must be a string of 1 to 200 characters", rejected("{\"kpi\":\"k\",\"value\":1,\"externalId\":\" \"}"));
        assertEquals("body: an item is an object with value and observedAt", rejected("[1]"));
        assertEquals("colour: unknown field; allowed: ", rejected("{\"kpi\":\"k\",\"value\":1,\"colour\":\"red\"}").substring(0, 32));
    }

    @Test
    void shouldRefuseTextPostgresCannotStore() throws Exception {
        assertEquals("kpi: must not contain the NUL character (\\u0000)", rejected("{\"kpi\":\"k\\u0000\",\"value\":1}"));
        assertEquals("externalId: must not contain an unpaired UTF-16 surrogate (\\ud800)",
                rejected("{\"kpi\":\"k\",\"value\":1,\"externalId\":\"a\\ud800\"}"));
        assertEquals("dimensions.region: must not contain the NUL character (\\u0000)",
                rejected("{\"kpi\":\"k\",\"value\":1,\"dimensions\":{\"region\":\"n\\u0000\"}}"));
        assertEquals("dimensions: names must not contain the NUL character (\\u0000)",
                rejected("{\"kpi\":\"k\",\"value\":1,\"dimensions\":{\"re\\u0000gion\":\"n\"}}"));
    }
}
