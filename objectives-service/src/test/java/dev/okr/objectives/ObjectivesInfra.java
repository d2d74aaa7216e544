package dev.okr.objectives;

import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;

/** objectives-service's tests: their own database on the test PostgreSQL, the JVM's broker. */
public class ObjectivesInfra extends InfrastructureResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "okr_test_objectives"));
    }
}
