package dev.okr.platform.testapp;

import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;

/** The platform tests' database, on the broker shared by the JVM. */
public class PlatformInfra extends InfrastructureResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "okr_test_platform"));
    }
}
