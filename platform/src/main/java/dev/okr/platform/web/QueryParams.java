package dev.okr.platform.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import dev.okr.platform.problem.ProblemException;

/**
 * Reads query parameters so that a bad value is a 400 naming the parameter and its allowed values
 * (JAX-RS would answer a failed conversion of a typed parameter with a 404, as if the path were wrong).
 */
public final class QueryParams {

    /** The instants a query may name: the years 1 to 9999, as dates and databases write them. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

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

    /** A whole number, or null when absent; anything else is a 400 naming the parameter. */
    public static Integer integer(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(name, "must be a whole number");
        }
    }

    /** true or false (any case), or null when absent; anything else is a 400 naming the parameter. */
    public static Boolean bool(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ProblemException.invalid(name, "must be true or false");
        };
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

    /** Comma-separated ids, each a UUID, at most {@code max} of them (blank entries are skipped). */
    public static List<UUID> uuids(String name, String value, int max) {
        List<UUID> ids = new ArrayList<>();
        for (String part : value.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            try {
                ids.add(UUID.fromString(part.trim()));
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid(name, "must be ids (UUIDs) separated by commas; '"
                        + (part.length() > 60 ? part.substring(0, 60) + "…" : part.trim()) + "' is not one");
            }
        }
        if (ids.size() > max) {
            throw ProblemException.invalid(name, "at most " + max + " ids");
        }
        return ids;
    }

    /**
     * An instant in UTC ({@code 2026-10-01T00:00:00Z}) or a plain date ({@code 2026-10-01}, as time frames are given):
     * a date is its first moment, or with {@code endOfDay} the first moment after it, so a range of dates includes its
     * last day. Null when absent.
     */
    public static Instant instant(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String text = value.trim();
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(text);
                at = (endOfDay ? date.plusDays(1) : date).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notADate) {
                throw ProblemException.invalid(name, "must be a date (2026-10-01) or an ISO-8601 instant in UTC "
                        + "(2026-10-01T00:00:00Z)");
            }
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw ProblemException.invalid(name, "must be between " + EARLIEST + " and " + LATEST);
        }
        return at;
    }

    /** As {@link #instant}, for a moment in the past (or now): one to come is a 400 naming the parameter. */
    public static Instant past(String name, String value, Instant now) {
        Instant at = instant(name, value, false);
        if (at != null && at.isAfter(now)) {
            throw ProblemException.invalid(name, "is in the future (it is " + now + " here): as of when, in the past?");
        }
        return at;
    }
}
