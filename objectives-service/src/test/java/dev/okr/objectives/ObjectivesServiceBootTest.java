package dev.okr.objectives;

import dev.okr.testsupport.ServiceBootContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(ObjectivesInfra.class)
class ObjectivesServiceBootTest extends ServiceBootContract {

    @Override
    protected String aProtectedPath() {
        return "/api/v1/cycles";
    }
}
