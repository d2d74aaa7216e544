package dev.okr.kpi;

import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;

/** kpi-service's tests: their own database on the test PostgreSQL, the JVM's broker. */
public class KpiInfra extends InfrastructureResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of("database", "okr_test_kpi"));
    }
}
