package dev.okr.platform.audit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

/**
 * The fields in which two JSON snapshots of a resource differ, as an audit trail shows them: objects are compared field by
 * field (nested paths joined with dots: {@code keyResults.<id>.target}), also against nothing (a resource created or
 * removed lists each of its fields); any other value, arrays included, as a whole. A field absent on one side is null
 * there. Numbers compare by value (1 and 1.0 are the same).
 */
public final class Diff {

    private Diff() {
    }

    /** What changed from {@code before} to {@code after} (either may be null: a resource created or removed). */
    public static List<AuditChange> of(JsonNode before, JsonNode after) {
        List<AuditChange> changes = new ArrayList<>();
        walk("", before, after, changes);
        return changes;
    }

    private static void walk(String path, JsonNode before, JsonNode after, List<AuditChange> changes) {
        JsonNode b = before == null || before.isMissingNode() ? NullNode.getInstance() : before;
        JsonNode a = after == null || after.isMissingNode() ? NullNode.getInstance() : after;
        if (b.isObject() && (a.isObject() || a.isNull()) || a.isObject() && b.isNull()) {
            Set<String> fields = new LinkedHashSet<>();
            b.fieldNames().forEachRemaining(fields::add);
            a.fieldNames().forEachRemaining(fields::add);
            for (String field : fields) {
                walk(path.isEmpty() ? field : path + "." + field, b.get(field), a.get(field), changes);
            }
            return;
        }
        if (!same(b, a)) {
            changes.add(new AuditChange(path, b.isNull() ? null : b, a.isNull() ? null : a));
        }
    }

    private static boolean same(JsonNode b, JsonNode a) {
        if (b.isNumber() && a.isNumber()) {
            return b.decimalValue().compareTo(a.decimalValue()) == 0;
        }
        if (b.isArray() && a.isArray()) {
            if (b.size() != a.size()) {
                return false;
            }
            Iterator<JsonNode> left = b.elements();
            Iterator<JsonNode> right = a.elements();
            while (left.hasNext()) {
                JsonNode l = left.next();
                JsonNode r = right.next();
                if (!Diff.of(l, r).isEmpty()) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(b, a);
    }
}
