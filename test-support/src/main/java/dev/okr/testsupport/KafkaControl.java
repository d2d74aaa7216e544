package dev.okr.testsupport;

import java.util.Map;

/**
 * Stops and starts the broker of a test that asked for its own ({@code kafka=own}). The handle travels
 * through a system property holding only JDK types, so it works whichever class loader the test and
 * its resource were loaded by.
 */
public final class KafkaControl {

    static final String PROPERTY = "dev.okr.test.kafka.control";

    private KafkaControl() {
    }

    static void register(EmbeddedKafka kafka) {
        System.getProperties().put(PROPERTY, Map.<String, Runnable>of("stop", kafka::stop, "start", kafka::start));
    }

    public static void stopBroker() {
        command("stop");
    }

    public static void startBroker() {
        command("start");
    }

    @SuppressWarnings("unchecked")
    private static void command(String name) {
        Object control = System.getProperties().get(PROPERTY);
        if (control == null) {
            throw new IllegalStateException("this test has no broker of its own: use the init arg kafka=own");
        }
        ((Map<String, Runnable>) control).get(name).run();
    }
}
