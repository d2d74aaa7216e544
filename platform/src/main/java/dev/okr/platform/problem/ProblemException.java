package dev.okr.platform.problem;

import java.util.List;

import dev.okr.contracts.problem.Problem;

/**
 * A failure the caller can act on, carried to the HTTP layer as a problem+json answer. Services throw
 * these (through the factories) rather than building responses, so errors look the same everywhere.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String slug, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Not found", "No " + what + " with id " + id + " exists.", null);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(400, "validation", "Invalid request", field + ": " + message,
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, null);
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail, null);
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, null);
    }

    /**
     * The same problem with its fields placed under {@code prefix}: a key result's {@code target} becomes
     * {@code keyResults[2].target} when the key result came inside an objective.
     */
    public ProblemException under(String prefix) {
        if (errors == null) {
            return this;
        }
        List<Problem.FieldError> placed = errors.stream()
                .map(e -> new Problem.FieldError(prefix + "." + e.field(), e.message())).toList();
        String detail = placed.size() == 1 ? placed.get(0).field() + ": " + placed.get(0).message() : getMessage();
        return new ProblemException(status, slug, title, detail, placed);
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}
