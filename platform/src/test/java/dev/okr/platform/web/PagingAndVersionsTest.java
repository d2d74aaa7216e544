package dev.okr.platform.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.okr.platform.problem.ProblemException;

class PagingAndVersionsTest {

    @Test
    void shouldRoundTripACursorToTheMicrosecond() {
        Cursor c = new Cursor(Instant.parse("2026-11-27T08:15:30.123456Z"), UUID.randomUUID());
        assertEquals(c, Cursor.decode(c.encode()));
    }

    @Test
    void shouldRoundTripACursorBeforeTheEpoch() {
        Cursor c = new Cursor(Instant.parse("1969-12-31T23:59:59.999999Z"), UUID.randomUUID());
        assertEquals(c, Cursor.decode(c.encode()));
    }

    @Test
    void shouldRejectACursorItDidNotMake() {
        ProblemException e = assertThrows(ProblemException.class, () -> Cursor.decode("not-a-cursor"));
        assertEquals(400, e.status());
    }

    @Test
    void shouldTreatNoCursorAsTheFirstPage() {
        assertNull(Cursor.decode(null));
        assertNull(Cursor.decode(""));
    }

    @Test
    void shouldOfferANextCursorOnlyWhenMoreRowsFollow() {
        Instant t = Instant.parse("2026-01-01T00:00:00Z");
        List<Integer> rows = List.of(1, 2, 3);
        Page<String> full = Page.of(rows, 2, i -> new Cursor(t.plusSeconds(i), new UUID(0, i)), String::valueOf);
        assertEquals(List.of("1", "2"), full.items());
        assertEquals(new Cursor(t.plusSeconds(2), new UUID(0, 2)), Cursor.decode(full.nextCursor()));

        Page<String> last = Page.of(rows, 3, i -> new Cursor(t, new UUID(0, i)), String::valueOf);
        assertEquals(3, last.items().size());
        assertNull(last.nextCursor());
    }

    @Test
    void shouldBoundThePageSize() {
        assertEquals(Page.DEFAULT_LIMIT, Page.limit(null));
        assertEquals(1, Page.limit("1"));
        assertEquals(Page.MAX_LIMIT, Page.limit(String.valueOf(Page.MAX_LIMIT)));
        assertEquals(400, assertThrows(ProblemException.class, () -> Page.limit("0")).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> Page.limit(String.valueOf(Page.MAX_LIMIT + 1))).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> Page.limit("ten")).status());
    }

    @Test
    void shouldMatchIfMatchAsRfc9110Says() {
        assertEquals("\"7\"", ETags.of(7));
        ETags.require("\"3\"", 3);
        ETags.require("*", 3);
        ETags.require("\"2\", \"3\"", 3);
        // a weak tag never matches with the strong comparison If-Match uses, nor does a tag this API never gave
        for (String stale : new String[] {"W/\"3\"", "3", "\"abc\"", "\"2\"", "\"\""}) {
            assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require(stale, 3)).status(), stale);
        }
    }

    @Test
    void shouldRequireIfMatchAndAnswerAStaleOneWith412() {
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.require(null, 1)).status());
        assertEquals(428, assertThrows(ProblemException.class, () -> ETags.require(" ", 1)).status());
        assertEquals(412, assertThrows(ProblemException.class, () -> ETags.require("\"0\"", 1)).status());
        ETags.require("\"1\"", 1);
    }

    @Test
    void shouldKeepInstantsAndCursorsWithinTheYearsADatabaseWrites() {
        assertEquals(Instant.parse("2026-10-02T00:00:00Z"), QueryParams.instant("to", "2026-10-01", true));
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), QueryParams.instant("from", "0001-01-01", false));
        for (String hostile : List.of("0000-01-01", "+10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z", "+1000000000-01-01T00:00:00Z",
                "9999-12-31T00:00:01Z")) {
            ProblemException e = assertThrows(ProblemException.class, () -> QueryParams.instant("from", hostile, false), hostile);
            assertEquals(400, e.status());
            assertEquals("from", e.toProblem(null).errors().get(0).field());
        }
        // the last day's end, and a date whose next day no calendar has
        assertEquals(400, assertThrows(ProblemException.class, () -> QueryParams.instant("to", "9999-12-31", true)).status());
        assertEquals(400, assertThrows(ProblemException.class, () -> QueryParams.instant("to", "+999999999-12-31", true)).status());
        String farCursor = new Cursor(Instant.parse("+10000-01-01T00:00:00Z"), UUID.randomUUID()).encode();
        assertEquals(400, assertThrows(ProblemException.class, () -> Cursor.decode(farCursor)).status());
    }
}
