package dev.okr.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** The relay reaches the brokers the way the connector does: TLS and SASL settings included, its guarantees on top. */
class RelayProducerTest {

    @Test
    void shouldTakeTheConnectorsConnectionSettingsAndKeepItsOwnGuarantees() {
        Properties p = OutboxRelay.producerProperties(Map.of(
                "bootstrap.servers", "kafka-1:9093,kafka-2:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"u\" password=\"p\";",
                "ssl.truststore.location", "/etc/kafka/ca.p12",
                "acks", "1",
                "health.enabled", "true"), "outbox-relay-test", Duration.ofSeconds(15));
        assertEquals("kafka-1:9093,kafka-2:9093", p.get("bootstrap.servers"));
        assertEquals("SASL_SSL", p.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", p.get("sasl.mechanism"));
        assertEquals("/etc/kafka/ca.p12", p.get("ssl.truststore.location"));
        // the relay's delivery guarantees are not the connector's to weaken
        assertEquals("all", p.get("acks"));
        assertEquals("true", p.get("enable.idempotence"));
        assertEquals("15000", p.get("delivery.timeout.ms"));
        // what is not a producer's setting stays out
        assertFalse(p.containsKey("health.enabled"));
    }
}
