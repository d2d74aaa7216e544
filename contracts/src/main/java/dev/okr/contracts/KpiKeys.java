package dev.okr.contracts;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * What a KPI's key looks like: a slug an integration addresses the KPI by, unique in its organisation and never a
 * UUID (so that an id and a key never name different KPIs). Wherever the API takes "a KPI id or key" it tells them
 * apart this way.
 */
public final class KpiKeys {

    /** Lower-case letters, digits and dashes, starting with a letter or digit, at most 64. */
    public static final String PATTERN = "[a-z0-9][a-z0-9-]{0,63}";

    private static final Pattern KEY = Pattern.compile(PATTERN);

    private KpiKeys() {
    }

    /** Whether the text is shaped like a key (a UUID-shaped text is an id, not a key). */
    public static boolean isKey(String text) {
        return text != null && KEY.matcher(text).matches() && !readsAsId(text);
    }

    /** The id the text names when it reads as a UUID (as {@link UUID#fromString} reads it), else null: it is a key. */
    public static UUID idOf(String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }

    /** Whether the text reads as a UUID, and so names a KPI by its id. */
    public static boolean readsAsId(String text) {
        return idOf(text) != null;
    }
}
