package dev.okr.contracts.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body. {@code type} is stable and documented; {@code detail} tells a
 * person what to do; {@code errors} names each field that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        String type,
        String title,
        int status,
        String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://okr.dev/problems/";

    /** One invalid field: its JSON path in the request ({@code keyResults[2].weight}) and why. */
    public record FieldError(String field,
            String message) {
    }
}
