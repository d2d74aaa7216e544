package dev.okr.platform.web;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One text per JSON value, whatever order its keys came in and however its numbers were written
 * ({@code 1}, {@code 1.0}, {@code 1e0}): what an Idempotency-Key's fingerprint is taken of, so a retry
 * that a client serialises differently is still the same request.
 */
public final class Canonical {

    private Canonical() {
    }

    public static String json(List<? extends JsonNode> values) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            write(values.get(i), b);
        }
        return b.append(']').toString();
    }

    private static void write(JsonNode node, StringBuilder b) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            b.append("null");
        } else if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            b.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                if (!first) {
                    b.append(',');
                }
                first = false;
                b.append(quoted(e.getKey())).append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else if (node.isArray()) {
            b.append('[');
            for (int i = 0; i < node.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                write(node.get(i), b);
            }
            b.append(']');
        } else if (node.isNumber()) {
            b.append(node.decimalValue().stripTrailingZeros().toString());
        } else if (node.isTextual()) {
            b.append(quoted(node.textValue()));
        } else {
            b.append(node.asText());
        }
    }

    private static String quoted(String text) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"";
    }
}
