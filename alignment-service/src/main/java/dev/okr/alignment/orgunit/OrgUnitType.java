package dev.okr.alignment.orgunit;

import java.util.Set;

import dev.okr.platform.problem.ProblemException;

/**
 * The levels of an organisation: one company at the root, departments under the company (or under a
 * department, for divisions), teams under a department or a team. People belong to units as members.
 */
public enum OrgUnitType {
    COMPANY, DEPARTMENT, TEAM;

    private Set<OrgUnitType> allowedParents() {
        return switch (this) {
            case COMPANY -> Set.of();
            case DEPARTMENT -> Set.of(COMPANY, DEPARTMENT);
            case TEAM -> Set.of(DEPARTMENT, TEAM);
        };
    }

    /** Checks that a unit of this type may sit under {@code parent} (null: at the root). */
    public void checkParent(OrgUnitType parent) {
        if (this == COMPANY) {
            if (parent != null) {
                throw ProblemException.invalid("parentId", "the company is the root: it has no parent");
            }
            return;
        }
        if (parent == null) {
            throw ProblemException.invalid("parentId", "a " + name().toLowerCase() + " needs a parent unit");
        }
        if (!allowedParents().contains(parent)) {
            throw ProblemException.invalid("parentId", "a " + name().toLowerCase() + " cannot sit under a "
                    + parent.name().toLowerCase() + "; allowed: " + allowedParents());
        }
    }
}
