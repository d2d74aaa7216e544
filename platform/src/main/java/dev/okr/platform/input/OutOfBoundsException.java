package dev.okr.platform.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;

/** A JSON value that parses but breaks {@link Bounds}; Jackson adds the path of the field as it unwinds. */
public class OutOfBoundsException extends JsonMappingException {

    private static final long serialVersionUID = 1L;

    public OutOfBoundsException(JsonParser parser, String reason) {
        super(parser, reason);
    }

    /** The reason alone, without Jackson's location and reference chain. */
    public String reason() {
        return getOriginalMessage();
    }
}
