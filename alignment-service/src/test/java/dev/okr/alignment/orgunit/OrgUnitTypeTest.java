package dev.okr.alignment.orgunit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.okr.platform.problem.ProblemException;

class OrgUnitTypeTest {

    @Test
    void shouldKeepTheCompanyAtTheRoot() {
        OrgUnitType.COMPANY.checkParent(null);
        assertThrows(ProblemException.class, () -> OrgUnitType.COMPANY.checkParent(OrgUnitType.COMPANY));
    }

    @Test
    void shouldPlaceDepartmentsUnderTheCompanyOrADepartment() {
        OrgUnitType.DEPARTMENT.checkParent(OrgUnitType.COMPANY);
        OrgUnitType.DEPARTMENT.checkParent(OrgUnitType.DEPARTMENT);
        ProblemException e = assertThrows(ProblemException.class, () -> OrgUnitType.DEPARTMENT.checkParent(OrgUnitType.TEAM));
        assertEquals("parentId", e.toProblem(null).errors().get(0).field());
    }

    @Test
    void shouldPlaceTeamsUnderADepartmentOrATeam() {
        OrgUnitType.TEAM.checkParent(OrgUnitType.DEPARTMENT);
        OrgUnitType.TEAM.checkParent(OrgUnitType.TEAM);
        assertThrows(ProblemException.class, () -> OrgUnitType.TEAM.checkParent(OrgUnitType.COMPANY));
        assertThrows(ProblemException.class, () -> OrgUnitType.TEAM.checkParent(null));
    }
}
