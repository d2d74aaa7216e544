package dev.okr.kpi.measurement;

import java.time.Instant;
import java.util.Map;

/** An item that passed its own checks; its KPI is not looked up yet. */
record ParsedItem(int index, String kpi, double value, Instant observedAt, Map<String, String> dimensions, String externalId) {
}
