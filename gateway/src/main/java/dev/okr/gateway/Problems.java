package dev.okr.gateway;

import java.util.LinkedHashMap;
import java.util.Map;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;

/** The gateway's own answers, in the same RFC 9457 shape as the services' (see the platform library). */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://okr.dev/problems/";

    private Problems() {
    }

    public static void send(HttpServerResponse response, int status, String slug, String title, String detail, String instance) {
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(json(status, slug, title, detail, instance));
    }

    public static String json(int status, String slug, String title, String detail, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_BASE + slug);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        return new JsonObject(body).encode();
    }
}
