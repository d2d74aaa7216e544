package dev.okr.platform.web;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.platform.problem.ProblemException;

/**
 * One page of a list: its items and, when more follow, the cursor to pass as {@code cursor} for the next.
 */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "Pass as cursor for the next page; null on the last page") String nextCursor) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    /** The page size as the query parameter {@code limit} gave it: absent means the default, text is a 400. */
    public static int limit(String text) {
        Integer requested = QueryParams.integer("limit", text);
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }

    /**
     * Builds a page from rows fetched with {@code limit + 1}: the extra row only tells that more follow.
     */
    public static <E, T> Page<T> of(List<E> rows, int limit, Function<E, Cursor> cursorOf, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> shown = more ? rows.subList(0, limit) : rows;
        String next = more ? cursorOf.apply(shown.get(shown.size() - 1)).encode() : null;
        return new Page<>(shown.stream().map(view).toList(), next);
    }
}
