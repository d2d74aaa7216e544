package dev.okr.platform.input;

/**
 * What every value the API takes must respect, decided here once for JSON bodies, query parameters,
 * path segments and CSV cells: numbers within ±10^15 (plenty for money and counts, and far from what
 * PostgreSQL's sums and averages can overflow on), text without NUL characters (PostgreSQL cannot store
 * them) and without unpaired UTF-16 surrogates (they are not characters, and would come back as '?').
 * Each check answers why a value is refused, or null when it is fine.
 */
public final class Bounds {

    /** The largest magnitude of a number the API takes. */
    public static final double MAX_MAGNITUDE = 1e15;

    private Bounds() {
    }

    /** Null when the number is finite and within ±10^15; otherwise the reason, for a field error. */
    public static String number(double value) {
        if (!Double.isFinite(value)) {
            return "must be a finite number";
        }
        if (Math.abs(value) > MAX_MAGNITUDE) {
            return "must be between -1e15 and 1e15";
        }
        return null;
    }

    /** Null when the text can be stored and read back as sent; otherwise the reason, for a field error. */
    public static String text(CharSequence value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain the NUL character (\\u0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "must not contain an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
            }
            if (Character.isLowSurrogate(c)) {
                return "must not contain an unpaired UTF-16 surrogate (\\u" + Integer.toHexString(c) + ")";
            }
        }
        return null;
    }
}
