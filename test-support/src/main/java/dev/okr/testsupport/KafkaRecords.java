package dev.okr.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes raw records on the test broker. Topics outlive a test run, so tests look for
 * their own records (by a unique id in the value) instead of counting everything on a topic.
 */
public final class KafkaRecords {

    private KafkaRecords() {
    }

    /**
     * Reads {@code topic} from the beginning and collects the records matching {@code match} until
     * {@code done} holds for them (then reads {@code settle} longer, so duplicates show up) or until
     * {@code timeout}. Returns what it collected either way; the caller asserts on it.
     */
    public static List<ConsumerRecord<String, String>> collect(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, String>> match, Predicate<List<ConsumerRecord<String, String>>> done,
            Duration timeout, Duration settle) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (match.test(r)) {
                        found.add(r);
                    }
                }
                if (done.test(found)) {
                    deadline = Math.min(deadline, System.nanoTime() + settle.toNanos());
                }
            }
        }
        return found;
    }

    /** The records matching {@code match}, once at least {@code count} arrived (or the timeout passed). */
    public static List<ConsumerRecord<String, String>> await(String bootstrap, String topic,
            Predicate<ConsumerRecord<String, String>> match, int count, Duration timeout) {
        return collect(bootstrap, topic, match, found -> found.size() >= count, timeout, Duration.ofSeconds(1));
    }

    public static void send(String bootstrap, String topic, String key, String value) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot send a test record to " + topic, e);
        }
    }
}
