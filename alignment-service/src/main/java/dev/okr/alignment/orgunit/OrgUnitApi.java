package dev.okr.alignment.orgunit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response bodies of the org units API. */
public final class OrgUnitApi {

    private OrgUnitApi() {
    }

    @Schema(name = "OrgUnitRequest")
    public record OrgUnitRequest(
            @NotBlank @Size(max = 120) @Schema(example = "Marketing") String name,
            @NotNull @Schema(example = "DEPARTMENT") OrgUnitType type,
            @Schema(description = "The parent unit; none for the company") UUID parentId,
            @Size(max = 200) @Schema(description = "The user id (token subject) of the unit's lead", example = "maria@example.com") String leadId) {
    }

    @Schema(name = "OrgUnit")
    public record OrgUnitView(UUID id, String name, OrgUnitType type, @Schema(nullable = true) UUID parentId, @Schema(nullable = true) String leadId, List<String> members,
            long version, Instant createdAt, Instant updatedAt) {

        static OrgUnitView of(OrgUnit u, List<String> members) {
            return new OrgUnitView(u.id, u.name, u.type, u.parentId, u.leadId, members, u.version, u.createdAt, u.updatedAt);
        }
    }

    @Schema(name = "OrgUnitPatch", description = "The fields to change; absent fields stay as they are")
    public record OrgUnitPatch(@Size(min = 1, max = 120) String name,
            @Schema(description = "Move the unit under another one") UUID parentId,
            @Schema(description = "null removes the lead") @Size(max = 200) String leadId) {
    }

    @Schema(name = "OrgUnitMembers")
    public record MembersRequest(@NotNull @Size(max = 1000) List<@NotBlank @Size(max = 200) String> members) {
    }

    @Schema(name = "OrgUnitNode", description = "A unit with the units under it")
    public record OrgUnitNode(UUID id, String name, OrgUnitType type, @Schema(nullable = true) String leadId, List<OrgUnitNode> children) {
    }

    /** Builds the tree of an organisation's units from a flat list, children in creation order. */
    static List<OrgUnitNode> tree(List<OrgUnit> units) {
        Map<UUID, List<OrgUnit>> byParent = new HashMap<>();
        List<OrgUnit> roots = new ArrayList<>();
        for (OrgUnit u : units) {
            if (u.parentId == null) {
                roots.add(u);
            } else {
                byParent.computeIfAbsent(u.parentId, k -> new ArrayList<>()).add(u);
            }
        }
        return roots.stream().map(r -> node(r, byParent)).toList();
    }

    private static OrgUnitNode node(OrgUnit unit, Map<UUID, List<OrgUnit>> byParent) {
        List<OrgUnitNode> children = byParent.getOrDefault(unit.id, List.of()).stream().map(c -> node(c, byParent)).toList();
        return new OrgUnitNode(unit.id, unit.name, unit.type, unit.leadId, children);
    }
}
