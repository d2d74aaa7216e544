package dev.okr.objectives.scoring;

import java.util.List;

/**
 * Progress of key results and objectives, in [0, 1] (DESIGN.md §2):
 * <ul>
 * <li>numeric: {@code clamp((current − start) / (target − start), 0, 1)}, which also serves decreasing
 * targets (target &lt; start); when target = start, 1 if the target is met, else 0;</li>
 * <li>boolean: 1 when done, else 0;</li>
 * <li>milestones: completed weight ÷ total weight;</li>
 * <li>objective: the weight-averaged progress of its key results (none: no progress of its own).</li>
 * </ul>
 */
public final class Progress {

    /** What "met" means when a numeric target equals its start: reach it from below, from above, or exactly. */
    public enum Direction {
        AT_LEAST, AT_MOST, EXACTLY
    }

    public record Weighted(double progress, double weight) {
    }

    public record Milestone(double weight, boolean completed) {
    }

    private Progress() {
    }

    public static double numeric(double start, double target, double current) {
        return numeric(start, target, current, Direction.EXACTLY);
    }

    public static double numeric(double start, double target, double current, Direction whenTargetIsStart) {
        if (target == start) {
            boolean met = switch (whenTargetIsStart) {
                case AT_LEAST -> current >= target;
                case AT_MOST -> current <= target;
                case EXACTLY -> current == target;
            };
            return met ? 1 : 0;
        }
        return clamp((current - start) / (target - start));
    }

    public static double bool(boolean done) {
        return done ? 1 : 0;
    }

    public static double milestones(List<Milestone> milestones) {
        double total = 0;
        double completed = 0;
        for (Milestone m : milestones) {
            total += m.weight();
            if (m.completed()) {
                completed += m.weight();
            }
        }
        return total == 0 ? 0 : clamp(completed / total);
    }

    /** The weighted mean of the key results' progress, or null when there are none. */
    public static Double objective(List<Weighted> keyResults) {
        double weights = 0;
        double sum = 0;
        for (Weighted kr : keyResults) {
            weights += kr.weight();
            sum += kr.progress() * kr.weight();
        }
        return weights == 0 ? null : clamp(sum / weights);
    }

    static double clamp(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        return Math.max(0, Math.min(1, value));
    }
}
