package dev.okr.gateway.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import dev.okr.gateway.GatewayConfig;

/**
 * Feeds the live stream from the three event topics. Each gateway instance reads every event (its consumer
 * group is its own, starting at the newest), so any instance can serve any organisation's streams.
 */
@ApplicationScoped
public class EventFeed {

    private static final Logger LOG = Logger.getLogger(EventFeed.class);

    private final StreamEvents events = new StreamEvents();
    private final EventHub hub;

    public EventFeed(EventHub hub) {
        this.hub = hub;
    }

    @Incoming("stream")
    public void consume(String cloudEvent) {
        events.from(cloudEvent).ifPresentOrElse(hub::publish,
                () -> LOG.debugf("Not streamed (not a CloudEvent of an organisation): %.200s", cloudEvent));
    }

    @Produces
    @Singleton
    static EventHub hub(GatewayConfig config) {
        return new EventHub(config.stream().buffer());
    }
}
