package dev.okr.contracts.auth;

import java.util.regex.Pattern;

/**
 * Where an integration's API key is accepted: the ingestion endpoints of kpi-service, and nothing else. The gateway
 * lets a key through to these paths only; kpi-service checks the key.
 */
public final class IngestionRoutes {

    /** The header that carries an integration's API key. */
    public static final String API_KEY_HEADER = "X-Api-Key";
    /** A batch of measurements for any of the organisation's KPIs (the colon may arrive encoded as {@code %3A}). */
    public static final String BATCH_PATH = "/api/v1/measurements:batch";
    /**
     * Where kpi-service serves the batch behind the public path (its REST layer does not match a colon inside a path
     * segment); answers name the public path.
     */
    public static final String BATCH_SERVED_AT = "/api/v1/measurements/batch";

    private static final Pattern PATHS = Pattern.compile("/api/v1/(measurements(:|%3[aA])batch|kpis/[^/]+/measurements)");

    private IngestionRoutes() {
    }

    /** The path as a client sent it: the batch's public path for where it is served, any other path as it is. */
    public static String publicPath(String path) {
        return BATCH_SERVED_AT.equals(path) ? BATCH_PATH : path;
    }

    /** Whether a request may carry an API key instead of a token: a POST to an ingestion path. */
    public static boolean accepts(String method, String path) {
        return "POST".equals(method) && path != null && PATHS.matcher(path).matches();
    }
}
