package dev.okr.alignment;

import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;

/** alignment-service's tests: their own database on the test PostgreSQL, the JVM's broker. */
public class AlignmentInfra extends InfrastructureResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "okr_test_alignment"));
    }
}
