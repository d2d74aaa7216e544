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

    private static final Pattern PATHS = Pattern.compile("/api/v1/(measurements(:|%3[aA])batch|kpis/[^/]+/measurements)");

    private IngestionRoutes() {
    }

    /** Whether a request may carry an API key instead of a token: a POST to an ingestion path. */
    public static boolean accepts(String method, String path) {
        return "POST".equals(method) && path != null && PATHS.matcher(path).matches();
    }
}
