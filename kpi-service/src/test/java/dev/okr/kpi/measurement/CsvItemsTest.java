package dev.okr.kpi.measurement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.okr.platform.problem.ProblemException;

/** A CSV upload read into the same items as a JSON batch. */
class CsvItemsTest {

    private static List<JsonNode> read(String csv) {
        return CsvItems.read(csv.getBytes(StandardCharsets.UTF_8));
    }

    private static String problem(byte[] csv) {
        return assertThrows(ProblemException.class, () -> CsvItems.read(csv)).getMessage();
    }

    @Test
    void shouldReadColumnsIntoItemsAndOtherColumnsIntoDimensions() {
        List<JsonNode> items = read("kpi,value,observedAt,externalId,region\nleads,3,2026-11-20T09:00:00Z,crm-1,north\nleads,4,,,\n");
        assertEquals(2, items.size());
        assertEquals("{\"kpi\":\"leads\",\"value\":3,\"observedAt\":\"2026-11-20T09:00:00Z\",\"externalId\":\"crm-1\","
                + "\"dimensions\":{\"region\":\"north\"}}", items.get(0).toString());
        // empty cells are left out
        assertEquals("{\"kpi\":\"leads\",\"value\":4}", items.get(1).toString());
    }

    @Test
    void shouldReadExcelsUtf8WithItsByteOrderMarkAndBlankLines() {
        List<JsonNode> items = read("\uFEFF\r\n\r\nkpi,value,city\r\nleads,2,Malm\u00f6\r\n");
        assertEquals(1, items.size());
        assertEquals("Malm\u00f6", items.get(0).path("dimensions").path("city").asText());
    }

    @Test
    void shouldKeepAValueThatIsNotANumberForTheItemCheckToReject() {
        assertEquals("twelve", read("kpi,value\nleads,twelve\n").get(0).path("value").asText());
    }

    @Test
    void shouldRefuseWhatItCannotReadSayingWhy() {
        assertTrue(problem("kpi,value\nMalm\u00f6,3\n".getBytes(StandardCharsets.ISO_8859_1)).contains("not UTF-8"));
        assertTrue(problem("kpi,value\nleads,3\u0000\n".getBytes(StandardCharsets.UTF_8)).contains("NUL"));
        assertTrue(problem("kpi;value\nleads;3\n".getBytes(StandardCharsets.UTF_8)).contains("it names [kpi;value]"));
        assertTrue(problem(new byte[0]).contains("header row"));
    }
}
