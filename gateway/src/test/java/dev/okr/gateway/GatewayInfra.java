package dev.okr.gateway;

import java.util.Map;

import dev.okr.testsupport.InfrastructureResource;

/** The gateway needs no database; it follows the event topics of the shared test broker for the live stream. */
public class GatewayInfra extends InfrastructureResource {

    @Override
    public void init(Map<String, String> initArgs) {
        super.init(Map.of());
    }
}
