package dev.okr.objectives.settings;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

/** The settings an organisation uses: its own, or the defaults (DESIGN.md §2). */
@ApplicationScoped
public class OrganisationSettings {

    private final SettingsRepository settings;

    public OrganisationSettings(SettingsRepository settings) {
        this.settings = settings;
    }

    public Uni<Settings> of(UUID organisationId) {
        return settings.findById(organisationId).map(s -> s == null ? Settings.DEFAULTS : s.settings());
    }
}
