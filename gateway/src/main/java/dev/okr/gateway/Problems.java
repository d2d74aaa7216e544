package dev.okr.gateway;

import dev.okr.contracts.problem.Problem;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;

/** The gateway's own answers, in the services' RFC 9457 shape: the {@link Problem} of the contracts. */
public final class Problems {

    public static final String MEDIA_TYPE = Problem.MEDIA_TYPE;

    private Problems() {
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail, String instance) {
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(json(status, slug, title, detail, instance));
    }

    public static String json(int status, String slug, String title, String detail, String instance) {
        return Json.encode(new Problem(Problem.TYPE_BASE + slug, title, status, detail, instance, null));
    }
}
