package dev.okr.kpi;

import dev.okr.testsupport.ServiceBootContract;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(KpiInfra.class)
class KpiServiceBootTest extends ServiceBootContract {

    @Override
    protected String aProtectedPath() {
        return "/api/v1/integrations";
    }
}
