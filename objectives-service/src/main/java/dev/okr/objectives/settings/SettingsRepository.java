package dev.okr.objectives.settings;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SettingsRepository implements PanacheRepositoryBase<OkrSettings, UUID> {
}
