package dev.okr.platform.testapp;

import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;

/** For the outage tests: a database and a broker of their own that the test stops and starts. */
public class PlatformOwnBrokerInfra extends InfrastructureResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "okr_test_platform_outage", "kafka", "own"));
    }
}
