package dev.okr.alignment.link;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.okr.alignment.rollup.Rollups;

/** Request and response bodies of alignment links and reads. */
public final class LinkApi {

    private LinkApi() {
    }

    @Schema(name = "ParentLinkRequest")
    public record ParentLink(@NotNull UUID parentId,
            @DecimalMin(value = "0", inclusive = false) @Schema(description = "The contribution weight (default 1)", example = "1") Double weight) {
    }

    @Schema(name = "Parents", description = "The objectives this one aligns to, replacing its current parents (empty: aligned to nothing)")
    public record ParentsRequest(@NotNull @Size(max = 20) List<@NotNull @Valid ParentLink> parents) {
    }

    /** A parent as an answer shows it: its weight is always there (1 unless one was given). */
    @Schema(name = "ParentLink")
    public record ParentView(UUID parentId, @Schema(example = "1") double weight) {
    }

    @Schema(name = "Alignment")
    public record Alignment(UUID objectiveId, List<ParentView> parents, @Schema(example = "0.0625") double rollupProgress,
            @Schema(description = "The version of the parent links, as the ETag says") long version) {

        public Alignment {
            rollupProgress = Rollups.shown(rollupProgress);
        }
    }

    /** Who owns an objective, as objectives-service says it: {@code type} COMPANY, UNIT or PERSON, and its id. */
    /*
     * The values alignment-service keeps as objectives-service's events name them: documented under the names and
     * with the values objectives-service gives them, so that the merged document has one schema for each.
     */

    /** An objective's status, as objectives-service names it. */
    @Schema(name = "ObjectiveStatus")
    public enum ObjectiveStatus {
        ACTIVE, CLOSED, ARCHIVED
    }

    /** An objective's health, as objectives-service names it. */
    @Schema(name = "Health")
    public enum Health {
        NOT_STARTED, ON_TRACK, AT_RISK, OFF_TRACK, ACHIEVED, MISSED
    }

    /** Who owns an objective, as objectives-service names it. */
    @Schema(name = "OwnerType")
    public enum OwnerType {
        COMPANY, UNIT, PERSON
    }

    @Schema(name = "AlignedObjectiveOwner")
    public record Owner(@Schema(ref = "OwnerType") String type, String id) {
    }

    @Schema(name = "AlignedObjective")
    public record Node(UUID id, String title, Owner owner, @Schema(ref = "ObjectiveStatus") String status,
            @Schema(nullable = true, description = "Own progress from its key results; none without key results") Double progress,
            @Schema(nullable = true, anyOf = Health.class) String health,
            double rollupProgress, @Schema(nullable = true, description = "The weight of the link to the objective above, in a tree") Double weight,
            @Schema(nullable = true) List<Node> children) {
    }

    @Schema(name = "AlignmentPaths", description = "Every path from the objective up to a company objective")
    public record Paths(UUID objectiveId, List<List<Node>> paths) {
    }
}
