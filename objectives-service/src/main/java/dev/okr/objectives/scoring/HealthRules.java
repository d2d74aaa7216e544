package dev.okr.objectives.scoring;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Health from progress {@code p} and the expected progress {@code e} (the elapsed share of the cycle):
 * before the cycle {@code NOT_STARTED}; during it {@code ON_TRACK} if {@code p ≥ e − onTrackMargin},
 * {@code AT_RISK} if {@code p ≥ e − atRiskMargin}, else {@code OFF_TRACK}, and a latest confidence at or
 * below {@code lowConfidence} caps it at {@code AT_RISK}; after the cycle {@code ACHIEVED} if
 * {@code p ≥ 1} (aspirational: if the score reaches {@code aspirationalAchieved}), else {@code MISSED}.
 */
public final class HealthRules {

    /** Comparisons at the boundaries forgive floating-point noise of this size. */
    private static final double EPSILON = 1e-9;

    private final HealthThresholds thresholds;

    public HealthRules(HealthThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /**
     * @param progress       current progress in [0, 1]
     * @param start          the cycle's first day
     * @param end            the cycle's last day (included)
     * @param now            the time of the assessment
     * @param confidence     the latest check-in's confidence (0–10), or null without check-ins
     * @param aspirational   whether the objective is aspirational (scored against a lower bar)
     */
    public Assessment assess(double progress, LocalDate start, LocalDate end, Instant now, Integer confidence,
            boolean aspirational) {
        Timeline timeline = new Timeline(start, end);
        int done = percent(progress);
        if (now.isBefore(timeline.startsAt())) {
            return new Assessment(Health.NOT_STARTED, "the cycle starts on " + start + "; " + done + " % done so far");
        }
        if (!now.isBefore(timeline.endsAt())) {
            if (aspirational) {
                boolean achieved = progress + EPSILON >= thresholds.aspirationalAchieved();
                return new Assessment(achieved ? Health.ACHIEVED : Health.MISSED, "the cycle ended at " + done
                        + " % (aspirational: " + percent(thresholds.aspirationalAchieved()) + " % counts as achieved)");
            }
            boolean achieved = progress + EPSILON >= 1;
            return new Assessment(achieved ? Health.ACHIEVED : Health.MISSED, "the cycle ended at " + done + " %");
        }
        double expected = timeline.elapsedFraction(now);
        Health health;
        if (progress + EPSILON >= expected - thresholds.onTrackMargin()) {
            health = Health.ON_TRACK;
        } else if (progress + EPSILON >= expected - thresholds.atRiskMargin()) {
            health = Health.AT_RISK;
        } else {
            health = Health.OFF_TRACK;
        }
        String pace = pace(progress, expected);
        String reason = done + " % done, " + percent(expected) + " % of the cycle elapsed: " + pace;
        if (confidence != null && confidence <= thresholds.lowConfidence() && health == Health.ON_TRACK) {
            return new Assessment(Health.AT_RISK, reason + "; but the latest confidence is " + confidence + "/10");
        }
        return new Assessment(health, reason);
    }

    /**
     * A key result that follows a KPI which has had no data since {@code since} cannot be on track on the
     * strength of a value nobody renews: ON_TRACK becomes AT_RISK, the reason naming the KPI and the day (UTC);
     * any other health stays as it is.
     */
    public static Assessment capForQuietKpi(Assessment assessment, String kpiName, Instant since) {
        if (since == null || assessment.health() != Health.ON_TRACK) {
            return assessment;
        }
        String kpi = kpiName == null ? "its KPI" : "its KPI '" + kpiName + "'";
        return new Assessment(Health.AT_RISK, assessment.reason() + "; but " + kpi + " has had no data since "
                + LocalDate.ofInstant(since, ZoneOffset.UTC));
    }

    private static String pace(double progress, double expected) {
        int points = (int) Math.round((expected - progress) * 100);
        if (points > 0) {
            return points + " points behind pace";
        }
        if (points < 0) {
            return -points + " points ahead of pace";
        }
        return "on pace";
    }

    private static int percent(double share) {
        return (int) Math.round(share * 100);
    }

    /** The final score of an objective at the close of its cycle: its progress, to two decimals. */
    public static double score(double progress) {
        return Math.round(Progress.clamp(progress) * 100) / 100.0;
    }
}
