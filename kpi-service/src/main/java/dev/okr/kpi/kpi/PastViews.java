package dev.okr.kpi.kpi;

import java.util.UUID;

import dev.okr.kpi.kpi.KpiApi.KpiView;
import io.smallrye.mutiny.Uni;

/** A KPI as it stood at a moment in the past, from its measurements (the series package reads them: it implements this). */
public interface PastViews {

    Uni<KpiView> asOf(UUID organisationId, String idOrKey, String asOf);
}
