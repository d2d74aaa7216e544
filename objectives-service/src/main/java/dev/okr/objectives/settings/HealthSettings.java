package dev.okr.objectives.settings;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.okr.objectives.scoring.HealthThresholds;
import io.smallrye.mutiny.Uni;

/** The health thresholds an organisation uses: its own settings, or the defaults of DESIGN.md §2. */
@ApplicationScoped
public class HealthSettings {

    private final SettingsRepository settings;

    public HealthSettings(SettingsRepository settings) {
        this.settings = settings;
    }

    public Uni<HealthThresholds> thresholds(UUID organisationId) {
        return settings.findById(organisationId)
                .map(s -> s == null ? HealthThresholds.DEFAULTS : s.thresholds());
    }
}
