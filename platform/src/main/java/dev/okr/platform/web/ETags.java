package dev.okr.platform.web;

import dev.okr.platform.problem.ProblemException;

/**
 * Optimistic concurrency over HTTP: a resource's {@code ETag} is its version ({@code "3"}), and a
 * change must name the version it was made against in {@code If-Match}.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Throws 428 without {@code If-Match} (changes made without knowing what they overwrite are how updates get
     * lost), and 412 unless it matches {@code currentVersion} as RFC 9110 says: {@code *} matches any version;
     * otherwise one of its comma-separated entity-tags must be the strong tag of that version — a weak tag
     * ({@code W/"3"}) or a tag this API never gave does not match.
     */
    public static void require(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "Send If-Match with the ETag you read (e.g. If-Match: \"3\"), so a concurrent change is not overwritten.",
                    null);
        }
        String value = ifMatch.trim();
        if (value.equals("*")) {
            return;
        }
        String current = of(currentVersion);
        for (String tag : value.split(",")) {
            if (tag.trim().equals(current)) {
                return;
            }
        }
        throw ProblemException.preconditionFailed("The resource changed since you read it (If-Match " + abbreviated(value)
                + ", now " + current + "): read it again and reapply your change.");
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }
}
