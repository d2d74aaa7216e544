package dev.okr.objectives.settings;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.okr.objectives.scoring.Guidance;
import dev.okr.objectives.scoring.HealthThresholds;
import dev.okr.platform.audit.Actor;
import dev.okr.platform.audit.AuditTrail;
import dev.okr.platform.audit.Diff;
import dev.okr.platform.problem.ProblemException;
import dev.okr.platform.web.ETags;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Reading and changing an organisation's settings. */
@ApplicationScoped
public class SettingsService {

    /** Settings with the version they were read at (0: the defaults, never saved). */
    public record Versioned(Settings settings, long version) {
    }

    /** An objective holds at most 20 key results, so advising more means nothing. */
    static final int MAX_KEY_RESULTS = 20;

    private final SettingsRepository settings;
    private final AuditTrail audit;
    private final ObjectMapper json;
    private final Clock clock;

    public SettingsService(SettingsRepository settings, AuditTrail audit, ObjectMapper json, Clock clock) {
        this.settings = settings;
        this.audit = audit;
        this.json = json;
        this.clock = clock;
    }

    @WithSession
    public Uni<Versioned> get(UUID organisationId) {
        return settings.findById(organisationId).map(s -> s == null
                ? new Versioned(Settings.DEFAULTS, 0) : new Versioned(s.settings(), s.version));
    }

    @WithTransaction
    public Uni<Versioned> put(UUID organisationId, String ifMatch, Settings wanted) {
        check(wanted.thresholds());
        check(wanted.guidance());
        Actor actor = audit.currentActor();
        return settings.findById(organisationId, LockModeType.PESSIMISTIC_WRITE).chain(existing -> {
            long current = existing == null ? 0 : existing.version;
            ETags.require(ifMatch, current);
            JsonNode before = json.valueToTree(existing != null ? existing.settings() : Settings.DEFAULTS);
            OkrSettings s = existing != null ? existing : new OkrSettings();
            s.organisationId = organisationId;
            HealthThresholds t = wanted.thresholds();
            s.onTrackMargin = t.onTrackMargin();
            s.atRiskMargin = t.atRiskMargin();
            s.lowConfidence = t.lowConfidence();
            s.aspirationalAchieved = t.aspirationalAchieved();
            s.minKeyResults = wanted.guidance().minKeyResults();
            s.maxKeyResults = wanted.guidance().maxKeyResults();
            s.checkInCadence = wanted.cadence();
            s.version = current + 1;
            s.updatedAt = clock.instant();
            Uni<OkrSettings> saved = existing != null ? Uni.createFrom().item(s) : settings.persist(s);
            return saved.call(x -> audit.record(new AuditTrail.Entry(organisationId, s.updatedAt, actor, "settings.updated", "settings",
                    "okr", null, Diff.of(before, json.valueToTree(x.settings())))))
                    .map(x -> new Versioned(x.settings(), x.version));
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

    static void check(Guidance g) {
        if (g.minKeyResults() < 1 || g.minKeyResults() > MAX_KEY_RESULTS) {
            throw ProblemException.invalid("minKeyResults", "must be between 1 and " + MAX_KEY_RESULTS);
        }
        if (g.maxKeyResults() < g.minKeyResults() || g.maxKeyResults() > MAX_KEY_RESULTS) {
            throw ProblemException.invalid("maxKeyResults", "must be between minKeyResults (" + g.minKeyResults() + ") and "
                    + MAX_KEY_RESULTS);
        }
    }
}
