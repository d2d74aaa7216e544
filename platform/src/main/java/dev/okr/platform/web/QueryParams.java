package dev.okr.platform.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

import dev.okr.platform.problem.ProblemException;

/**
 * Reads query parameters so that a bad value is a 400 naming the parameter and its allowed values
 * (JAX-RS would answer a failed conversion with a bare 404).
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    public static UUID uuid(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(name, "must be an id (a UUID)");
        }
    }
}
