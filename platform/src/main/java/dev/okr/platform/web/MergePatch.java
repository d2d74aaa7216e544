package dev.okr.platform.web;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.platform.problem.ProblemException;

/**
 * A JSON merge patch (RFC 7396) read into its record: the values given, and which fields were given as
 * {@code null} — those are removed (a record alone cannot tell a field left out from one set to null). The
 * record is validated like any request body; a field the resource cannot do without refuses removal with a
 * 400 naming it.
 *
 * @param values  the fields given, as the record; absent and removed fields are null in it
 * @param removed the fields given as {@code null}
 */
public record MergePatch<T>(T values, Set<String> removed) {

    public static <T> MergePatch<T> read(JsonNode body, Class<T> type, ObjectMapper json, Validator validator)
            throws JsonProcessingException {
        if (body == null || !body.isObject()) {
            throw ProblemException.invalid("body", "a merge patch is a JSON object of the fields to change");
        }
        Set<String> removed = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getValue().isNull()) {
                removed.add(field.getKey());
            }
        }
        T values = json.treeToValue(body, type);
        Set<ConstraintViolation<T>> violations = validator.validate(values);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return new MergePatch<>(values, Set.copyOf(removed));
    }

    /** Whether the patch removes {@code field}. */
    public boolean removes(String field) {
        return removed.contains(field);
    }

    /** Refuses the removal of any of {@code fields}. */
    public void keep(String... fields) {
        for (String field : fields) {
            if (removed.contains(field)) {
                throw ProblemException.invalid(field, "cannot be removed: give a value, or leave the field out");
            }
        }
    }
}
