package dev.okr.kpi.measurement;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import dev.okr.platform.input.Bounds;
import dev.okr.platform.problem.ProblemException;

/**
 * Reads a CSV upload (with Jackson's CSV reader) into the same items as a JSON batch: a header row names
 * the columns {@code kpi}, {@code value}, {@code observedAt}, {@code externalId}; any other column is a
 * dimension, left out where its cell is empty.
 */
final class CsvItems {

    private static final Set<String> FIELDS = Set.of("kpi", "value", "observedAt", "externalId");
    private static final CsvMapper CSV = new CsvMapper();

    private CsvItems() {
    }

    /** Reads the upload's bytes, which must be UTF-8 (a byte-order mark is allowed, as Excel writes one). */
    static List<JsonNode> read(byte[] bytes) {
        String body;
        try {
            body = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes == null ? new byte[0] : bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw ProblemException.invalid("body", "the upload is not UTF-8: save the CSV as UTF-8 (in Excel: CSV UTF-8)");
        }
        if (body.startsWith("\uFEFF")) {
            body = body.substring(1);
        }
        // blank lines before the header row are nothing
        body = body.replaceFirst("^(\\s*\\R)+", "");
        String problem = Bounds.text(body);
        if (problem != null) {
            throw ProblemException.invalid("body", "the upload " + problem);
        }
        return read(body);
    }

    static List<JsonNode> read(String body) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalid("body", "a CSV upload starts with a header row: kpi,value,observedAt,externalId,…");
        }
        List<JsonNode> items = new ArrayList<>();
        try (MappingIterator<Map<String, String>> rows = CSV.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(body)) {
            List<String> columns = null;
            while (rows.hasNext()) {
                Map<String, String> row = rows.next();
                if (columns == null) {
                    columns = new ArrayList<>(row.keySet());
                    if (!columns.contains("kpi") || !columns.contains("value")) {
                        throw ProblemException.invalid("header", "the header row must name at least kpi and value; "
                                + "it names " + columns);
                    }
                }
                if (items.size() == MeasurementApi.MAX_ITEMS) {
                    throw ProblemException.invalid("items", "at most " + MeasurementApi.MAX_ITEMS + " rows per upload: split it");
                }
                items.add(item(row));
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ProblemException problem) {
                throw problem;
            }
            throw ProblemException.invalid("body", "not readable as CSV with a header row: " + e.getMessage());
        }
        return items;
    }

    private static JsonNode item(Map<String, String> row) {
        ObjectNode item = JsonNodeFactory.instance.objectNode();
        ObjectNode dimensions = JsonNodeFactory.instance.objectNode();
        for (Iterator<Map.Entry<String, String>> it = row.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, String> cell = it.next();
            String value = cell.getValue() == null ? "" : cell.getValue().trim();
            if (value.isEmpty()) {
                continue;
            }
            if (cell.getKey().equals("value")) {
                try {
                    item.put("value", new BigDecimal(value));
                } catch (NumberFormatException e) {
                    item.put("value", value); // the item check rejects it: "value: must be a number"
                }
            } else if (FIELDS.contains(cell.getKey())) {
                item.put(cell.getKey(), value);
            } else {
                dimensions.put(cell.getKey(), value);
            }
        }
        if (!dimensions.isEmpty()) {
            item.set("dimensions", dimensions);
        }
        return item;
    }
}
