package dev.okr.platform.input;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import dev.okr.platform.problem.ProblemException;

/**
 * Path segments and query parameters follow the same {@link Bounds} as JSON text: a NUL or an unpaired
 * surrogate ({@code %00}, {@code %ED%A0%80}…) is a 400 naming the parameter, before any resource runs.
 */
public class TextParameters {

    @ServerRequestFilter
    public void check(UriInfo uri) {
        checkAll(uri.getPathParameters());
        checkAll(uri.getQueryParameters());
    }

    private static void checkAll(Map<String, List<String>> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            String nameProblem = Bounds.text(p.getKey());
            if (nameProblem != null) {
                throw ProblemException.invalid("query", "a parameter's name " + nameProblem);
            }
            for (String value : p.getValue()) {
                String problem = Bounds.text(value);
                if (problem != null) {
                    throw ProblemException.invalid(p.getKey(), problem);
                }
            }
        }
    }
}
