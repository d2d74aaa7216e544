package dev.okr.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body. {@code type} is stable and documented; {@code detail} tells a
 * person what to do; {@code errors} names each field that failed validation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        @Schema(example = "https://okr.dev/problems/validation") String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "400") int status,
        @Schema(example = "2 fields are invalid: see errors") String detail,
        String instance,
        List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://okr.dev/problems/";

    /** One invalid field: its JSON path in the request ({@code keyResults[2].weight}) and why. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(example = "weight") String field,
            @Schema(example = "must be greater than 0") String message) {
    }
}
