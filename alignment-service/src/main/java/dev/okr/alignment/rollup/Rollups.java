package dev.okr.alignment.rollup;

import java.util.List;

/**
 * Roll-up progress (DESIGN.md §2): an objective with no aligned children rolls up to its own progress;
 * one with children rolls up to the weighted mean of its own progress (weight {@code ownWeight}, left out
 * when it has no key results) and each child's roll-up (weighted by the link's contribution weight).
 */
public final class Rollups {

    /** A child's roll-up and the weight of its link. */
    public record Child(double rollup, double weight) {
    }

    private Rollups() {
    }

    /**
     * A share (progress, roll-up) as answers show it: to 4 decimals (0.5760, not 0.5759749999999999). What is
     * stored and published keeps every digit, so roll-ups further up are computed from exact values.
     */
    public static double shown(double share) {
        return Math.round(share * 10_000) / 10_000.0;
    }

    /**
     * @param own       the objective's own progress from its key results, or null without key results
     * @param ownWeight the organisation's weight for an objective's own progress (default 1)
     */
    public static double rollup(Double own, List<Child> children, double ownWeight) {
        if (children.isEmpty()) {
            return own == null ? 0 : own;
        }
        double weights = 0;
        double sum = 0;
        if (own != null) {
            weights += ownWeight;
            sum += own * ownWeight;
        }
        for (Child c : children) {
            weights += c.weight();
            sum += c.rollup() * c.weight();
        }
        return weights == 0 ? 0 : sum / weights;
    }
}
