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
     * The version an {@code If-Match} header names. A missing header is a 428: changes made without
     * knowing what they overwrite are how updates get lost.
     */
    public static long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "Precondition required",
                    "Send If-Match with the ETag you read (e.g. If-Match: \"3\"), so a concurrent change is not overwritten.",
                    null);
        }
        String value = ifMatch.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        value = value.replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("If-Match", "not an ETag of this API (expected a quoted version such as \"3\")");
        }
    }

    /** Throws 412 unless {@code ifMatch} names {@code currentVersion}. */
    public static void require(String ifMatch, long currentVersion) {
        long expected = expectedVersion(ifMatch);
        if (expected != currentVersion) {
            throw ProblemException.preconditionFailed("The resource changed since you read it (your version " + expected
                    + ", now " + currentVersion + "): read it again and reapply your change.");
        }
    }
}
