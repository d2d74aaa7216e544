package dev.okr.platform.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import dev.okr.platform.problem.ProblemException;

/**
 * An opaque keyset cursor: the sort key ({@code createdAt}, {@code id}) of the last item a page
 * returned. Lists ordered by that key stay stable while rows are added.
 */
public record Cursor(Instant createdAt, UUID id) {

    public String encode() {
        String raw = (createdAt.getEpochSecond() * 1_000_000 + createdAt.getNano() / 1000) + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a cursor from a previous page, or null for the first page. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            long micros = Long.parseLong(raw.substring(0, bar));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
            if (at.isBefore(QueryParams.EARLIEST) || at.isAfter(QueryParams.LATEST)) {
                throw new IllegalArgumentException("a cursor this API never writes");
            }
            return new Cursor(at, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "not a cursor this API returned; start again without it");
        }
    }

    /** Decodes a cursor that is a row's sequence number (for lists ordered by one), or null for the first page. */
    public static Long decodeSequence(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("cursor", "not a cursor this API returned; start again without it");
        }
    }
}
