package dev.okr.alignment;

import dev.okr.testsupport.ServiceBootContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(AlignmentInfra.class)
class AlignmentServiceBootTest extends ServiceBootContract {

    @Override
    protected String aProtectedPath() {
        return "/api/v1/org-units/tree";
    }
}
