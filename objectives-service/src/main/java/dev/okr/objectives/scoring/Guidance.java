package dev.okr.objectives.scoring;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What the OKR method advises for an objective, answered as warnings (never refusals): three to five key results
 * (the range is an organisation setting), and a cycle no longer than a quarter.
 *
 * @param minKeyResults the fewest key results advised (3)
 * @param maxKeyResults the most key results advised (5)
 */
public record Guidance(int minKeyResults, int maxKeyResults) {

    public static final Guidance DEFAULTS = new Guidance(3, 5);
    /** The longest quarter (July to September) in days: a longer cycle is warned about. */
    public static final int QUARTER_DAYS = 92;

    @Schema(name = "ObjectiveWarning", description = "Advice on how the objective is written; it never blocks a change")
    public record Warning(Code code, @Schema(example = "2 key results: 3 to 5 are advised, so that the objective is measured "
            + "from more than one side without losing focus") String message) {

        @Schema(name = "ObjectiveWarningCode")
        public enum Code {
            FEW_KEY_RESULTS, MANY_KEY_RESULTS, LONG_CYCLE
        }
    }

    /** The warnings for an objective with this many key results in a cycle of these days (both included). */
    public List<Warning> warnings(int keyResults, LocalDate cycleStart, LocalDate cycleEnd) {
        List<Warning> warnings = new ArrayList<>();
        String range = minKeyResults == maxKeyResults ? String.valueOf(minKeyResults) : minKeyResults + " to " + maxKeyResults;
        if (keyResults < minKeyResults) {
            warnings.add(new Warning(Warning.Code.FEW_KEY_RESULTS, count(keyResults) + ": " + range + " are advised, so that the "
                    + "objective is measured from more than one side"));
        } else if (keyResults > maxKeyResults) {
            warnings.add(new Warning(Warning.Code.MANY_KEY_RESULTS, count(keyResults) + ": " + range + " are advised, so that the "
                    + "objective keeps its focus"));
        }
        long days = ChronoUnit.DAYS.between(cycleStart, cycleEnd) + 1;
        if (days > QUARTER_DAYS) {
            warnings.add(new Warning(Warning.Code.LONG_CYCLE, "The cycle spans " + days + " days, longer than a quarter: "
                    + "objectives are advised to be set for a quarter, so that they are reviewed and reset while still relevant"));
        }
        return warnings;
    }

    private static String count(int keyResults) {
        return switch (keyResults) {
            case 0 -> "No key results";
            case 1 -> "1 key result";
            default -> keyResults + " key results";
        };
    }
}
