package dev.okr.objectives.settings;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import dev.okr.objectives.scoring.HealthThresholds;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Reading and changing an organisation's health thresholds. */
@ApplicationScoped
public class SettingsService {

    /** Thresholds with the version they were read at (0: the defaults, never saved). */
    public record Versioned(HealthThresholds thresholds, long version) {
    }

    private final SettingsRepository settings;
    private final Clock clock;

    public SettingsService(SettingsRepository settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @WithSession
    public Uni<Versioned> get(UUID organisationId) {
        return settings.findById(organisationId).map(s -> s == null
                ? new Versioned(HealthThresholds.DEFAULTS, 0) : new Versioned(s.thresholds(), s.version));
    }

    @WithTransaction
    public Uni<Versioned> put(UUID organisationId, String ifMatch, HealthThresholds wanted) {
        check(wanted);
        return settings.findById(organisationId, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            long current = existing == null ? 0 : existing.version;
            ETags.require(ifMatch, current);
            OkrSettings s = existing != null ? existing : new OkrSettings();
            s.organisationId = organisationId;
            s.onTrackMargin = wanted.onTrackMargin();
            s.atRiskMargin = wanted.atRiskMargin();
            s.lowConfidence = wanted.lowConfidence();
            s.aspirationalAchieved = wanted.aspirationalAchieved();
            s.version = current + 1;
            s.updatedAt = clock.instant();
            Uni<OkrSettings> saved = existing != null ? Uni.createFrom().item(s) : settings.persist(s);
            return saved.map(x -> new Versioned(x.thresholds(), x.version));
        });
    }

    static void check(HealthThresholds t) {
        if (t.onTrackMargin() < 0 || t.onTrackMargin() > 1) {
            throw ProblemException.invalid("onTrackMargin", "must be between 0 and 1");
        }
        if (t.atRiskMargin() < t.onTrackMargin() || t.atRiskMargin() > 1) {
            throw ProblemException.invalid("atRiskMargin", "must be between onTrackMargin (" + t.onTrackMargin() + ") and 1");
        }
        if (t.lowConfidence() < 0 || t.lowConfidence() > 10) {
            throw ProblemException.invalid("lowConfidence", "must be between 0 and 10");
        }
        if (t.aspirationalAchieved() <= 0 || t.aspirationalAchieved() > 1) {
            throw ProblemException.invalid("aspirationalAchieved", "must be above 0 and at most 1");
        }
    }
}
