package dev.okr.platform.problem;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.DataException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import dev.okr.contracts.auth.IngestionRoutes;
import dev.okr.contracts.problem.Problem;
import dev.okr.platform.input.OutOfBoundsException;
import io.quarkus.hibernate.validator.runtime.jaxrs.ResteasyReactiveViolationException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;

/**
 * The one place where failures become {@code application/problem+json} answers, for every service.
 * Bad input gets a 4xx naming what to fix; anything unexpected is logged with its stack trace under a
 * reference id and answered 500 with that id only — the caller never sees internals.
 */
public class ProblemMappers {

    private static final String UNIQUE_VIOLATION = "23505";
    /** Data exceptions that only bad input causes: a number out of range, text PostgreSQL cannot store. */
    /** The server has no room for another connection: too many connections (for it, or for the role), or starting up. */
    private static final Set<String> NO_ROOM = Set.of("53300", "57P03");
    private static final Map<String, String> BAD_DATA = Map.of(
            "22003", "a number is out of the range this API stores (between -1e15 and 1e15)",
            "22021", "text holds a character that cannot be stored (such as NUL)",
            "22P05", "text holds a character that cannot be stored (such as NUL)",
            "22P02", "a value does not have the expected form",
            "54000", "a value is too large to be stored");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder response = Response.status(e.status()).type(Problem.MEDIA_TYPE).entity(e.toProblem(path(uri)));
        if (e.status() == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response violations(ResteasyReactiveViolationException e, UriInfo uri) {
        return violations((ConstraintViolationException) e, uri);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), v.getMessage()));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field));
        String detail = errors.size() == 1
                ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are invalid: see errors.";
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        var location = e.getLocation();
        String detail = "The body is not valid JSON"
                + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")")
                + ": " + readable(e.getOriginalMessage());
        return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400, detail, path(uri), null));
    }

    /** Jackson's sentence without its advice to Java programmers (what to call, which feature to enable). */
    private static String readable(String message) {
        if (message == null) {
            return "cannot be read";
        }
        String first = message.split("\n")[0];
        int hint = first.indexOf(" (");
        String plain = hint > 0 && (first.contains("Feature") || first.contains("Constraints") || first.contains("Json"))
                ? first.substring(0, hint) : first;
        if (plain.startsWith("Invalid UTF-8") || plain.contains("Invalid UTF")) {
            return "the bytes are not valid UTF-8 (send the body as UTF-8)";
        }
        if (plain.startsWith("Document nesting depth")) {
            return "the document is nested too deeply (at most 1000 levels)";
        }
        return plain;
    }

    @ServerExceptionMapper
    public Response outOfBounds(OutOfBoundsException e, UriInfo uri) {
        String field = jsonPath(e);
        return fieldProblem(field.isEmpty() ? "body" : field, e.reason(), uri);
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        String field = jsonPath(e);
        return fieldProblem(field, "unknown field; allowed fields: " + e.getKnownPropertyIds(), uri);
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e, UriInfo uri) {
        String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
        return fieldProblem(jsonPath(e), "cannot read " + quote(e.getValue()) + " as " + expected, uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (String.valueOf(e.getOriginalMessage()).startsWith("Trailing token")) {
            return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                    "The body holds more after its JSON document: send exactly one document.", path(uri), null));
        }
        String expected = e.getTargetType() == null ? "a different shape" : describe(e.getTargetType());
        String field = jsonPath(e);
        if (field.isEmpty()) {
            return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400,
                    "The body does not have the expected shape: expected " + expected + ".", path(uri), null));
        }
        return fieldProblem(field, "expected " + expected, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        // e.g. a record constructor refusing a value: the cause's message is written for the caller
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        if (e instanceof OutOfBoundsException bounds) {
            return outOfBounds(bounds, uri);
        }
        String field = jsonPath(e);
        String message = cause == e ? readable(e.getOriginalMessage())
                : cause.getMessage() == null ? "invalid value" : readable(cause.getMessage());
        if (field.isEmpty()) {
            return respond(new Problem(Problem.TYPE_BASE + "malformed-json", "Malformed JSON", 400, message, path(uri), null));
        }
        return fieldProblem(field, message, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // the JSON reader wraps Jackson's failures: answer them as precisely as when they are thrown alone
        if (e.getCause() instanceof OutOfBoundsException bounds) {
            return outOfBounds(bounds, uri);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return unknownField(unknown, uri);
        }
        if (e.getCause() instanceof InvalidFormatException format) {
            return wrongType(format, uri);
        }
        if (e.getCause() instanceof MismatchedInputException mismatch) {
            return mismatchedInput(mismatch, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unmappableJson(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException parse) {
            return malformedJson(parse, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String title = Response.Status.fromStatusCode(status) == null
                ? "Client error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "Nothing is found at " + path(uri) + ": check the path and the id.";
            case 405 -> "This method is not allowed on " + path(uri) + ".";
            case 406 -> "This resource answers application/json: accept it.";
            case 415 -> "Send the body as application/json (Content-Type header).";
            default -> e.getMessage();
        };
        String slug = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        return respond(new Problem(Problem.TYPE_BASE + slug, title, status, detail, path(uri), null));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        Problem p = new Problem(Problem.TYPE_BASE + "unauthenticated", "Unauthenticated", 401,
                "Send a valid bearer token (Authorization: Bearer <jwt>) from the configured issuer.", path(uri), null);
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").entity(p).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri, ResourceInfo resource) {
        return respond(new Problem(Problem.TYPE_BASE + "forbidden", "Forbidden", 403, forbiddenDetail(resource), path(uri), null));
    }

    /** Which role the operation needs (admin > member > viewer), when the method or its class says. */
    static String forbiddenDetail(ResourceInfo resource) {
        RolesAllowed roles = resource == null || resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        if (roles == null && resource != null && resource.getResourceClass() != null) {
            roles = resource.getResourceClass().getAnnotation(RolesAllowed.class);
        }
        if (roles == null || roles.value().length == 0) {
            return "Your role does not allow this operation.";
        }
        return "This operation needs the role " + String.join(" or ", roles.value())
                + (List.of(roles.value()).contains("admin") ? "" : " (or admin)") + "; your token does not carry it.";
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response concurrentUpdate(RuntimeException e, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "concurrent-update", "Concurrent update", 409,
                "Someone else changed this resource at the same time: read it again and retry.", path(uri), null));
    }

    @ServerExceptionMapper
    public Response constraint(org.hibernate.exception.ConstraintViolationException e, UriInfo uri) {
        if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
            return duplicate(uri);
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response database(PgException e, UriInfo uri) {
        if (UNIQUE_VIOLATION.equals(e.getSqlState())) {
            return duplicate(uri);
        }
        if (BAD_DATA.containsKey(e.getSqlState())) {
            return badData(e.getSqlState(), uri);
        }
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response data(DataException e, UriInfo uri) {
        return BAD_DATA.containsKey(e.getSQLState()) ? badData(e.getSQLState(), uri) : unexpected(e, uri);
    }

    /**
     * The database refused a value that the checks at the edge should have caught: still the caller's input,
     * so a 400 — and a warning, since a check is missing somewhere.
     */
    private Response badData(String sqlState, UriInfo uri) {
        Log.warnf("The database refused input on %s (SQLState %s): an input check is missing", path(uri), sqlState);
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400,
                "The request was refused: " + BAD_DATA.get(sqlState) + ".", path(uri), null));
    }

    /**
     * The database would not take another connection (it is at its limit, or starting): nothing was done, and the same
     * request a moment later will likely pass — a 503 with Retry-After, not a 500. The pools stay within the connection
     * budget (docs/operations.md), so this happens when others share the server beyond it.
     */
    private Response noRoom(String sqlState, UriInfo uri) {
        Log.warnf("The database refused a connection on %s (SQLState %s): answered 503", path(uri), sqlState);
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "1")
                .entity(new Problem(Problem.TYPE_BASE + "service-unavailable", "Service Unavailable", 503,
                        "The database is at its connection limit just now; nothing was changed. Retry in a second.", path(uri), null))
                .build();
    }

    private Response duplicate(UriInfo uri) {
        // the service checks first; this answers the race where two requests pass that check at once
        return respond(new Problem(Problem.TYPE_BASE + "conflict", "Conflict", 409,
                "This conflicts with an existing resource (same name or key): choose another, or change the existing one.",
                path(uri), null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e.getCause() instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof PgException pg && BAD_DATA.containsKey(pg.getSqlState())) {
                return badData(pg.getSqlState(), uri);
            }
            if (c instanceof PgException pg && NO_ROOM.contains(pg.getSqlState())) {
                return noRoom(pg.getSqlState(), uri);
            }
        }
        String reference = UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure on %s (reference %s)", path(uri), reference);
        return respond(new Problem(Problem.TYPE_BASE + "internal", "Internal error", 500,
                "Something went wrong on our side; the reference " + reference + " points to the details in our logs.",
                path(uri), null));
    }

    private Response fieldProblem(String field, String message, UriInfo uri) {
        return respond(new Problem(Problem.TYPE_BASE + "validation", "Invalid request", 400, field + ": " + message,
                path(uri), List.of(new Problem.FieldError(field, message))));
    }

    static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** The request's path as the client sent it (the problem's {@code instance}). */
    private static String path(UriInfo uri) {
        return uri == null ? null : IngestionRoutes.publicPath("/" + uri.getPath().replaceFirst("^/", ""));
    }

    /**
     * {@code create.request.keyResults[0].weight} → {@code keyResults[0].weight}: drops the method and
     * parameter nodes; a node inside a list carries the index of the list element it is in.
     */
    static String fieldOf(Path path) {
        StringBuilder b = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.PARAMETER || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.isInIterable()) {
                b.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getName() != null && kind != ElementKind.CONTAINER_ELEMENT) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(node.getName());
            }
        }
        return b.isEmpty() ? "body" : b.toString();
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!b.isEmpty()) {
                    b.append('.');
                }
                b.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                b.append('[').append(ref.getIndex()).append(']');
            }
        }
        return b.toString();
    }

    private static final Set<String> NUMBERS = Set.of("int", "long", "double", "float", "Integer", "Long", "Double",
            "Float", "BigDecimal", "BigInteger", "short", "Short");

    private static String describe(Class<?> type) {
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString());
            }
            return "one of " + names;
        }
        String simple = type.getSimpleName();
        if (NUMBERS.contains(simple)) {
            return "a number";
        }
        return switch (simple) {
            case "String" -> "a string";
            case "boolean", "Boolean" -> "true or false";
            case "UUID" -> "a UUID";
            case "Instant", "OffsetDateTime", "ZonedDateTime" -> "an ISO-8601 date-time in UTC (2026-10-01T09:00:00Z)";
            case "LocalDate" -> "an ISO-8601 date (2026-10-01)";
            case "Duration" -> "an ISO-8601 duration (PT8H)";
            default -> type.isArray() || Collection.class.isAssignableFrom(type) ? "an array"
                    : (Map.class.isAssignableFrom(type) ? "an object" : "a " + simple);
        };
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
