package dev.okr.testsupport;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a service under test real infrastructure: a fresh PostgreSQL database (reusing the server on
 * 127.0.0.1:5432 when it answers, else an embedded one), a Kafka broker ({@code KAFKA_BOOTSTRAP_SERVERS}
 * when it answers, else an in-process KRaft broker shared by the JVM), and a JWT key pair so tests can
 * mint tokens with {@link TestTokens}.
 *
 * <p>Init args: {@code database} (the name of the test database, re-created empty; none for an app without one) and
 * {@code kafka}: {@code shared} (default) or {@code own}, a broker of this test's own that
 * {@link KafkaControl} can stop and start again.
 */
public class InfrastructureResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://okr.test/issuer";
    public static final String AUDIENCE = "okr-platform";
    static final String PRIVATE_KEY_PROPERTY = "dev.okr.test.jwt.private-key";

    private static EmbeddedKafka sharedKafka;
    private static KeyPair keys;

    private String database;
    private boolean ownKafka;
    private EmbeddedKafka kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        ownKafka = "own".equals(initArgs.getOrDefault("kafka", "shared"));
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = ownKafka ? startOwnKafka() : sharedBootstrapServers();

        Map<String, String> config = new HashMap<>();
        if (database != null) {
            TestPostgres.recreateDatabase(database);
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "");
            config.put("quarkus.datasource.jdbc.url", TestPostgres.jdbcUrl(database));
            config.put("quarkus.datasource.reactive.url", TestPostgres.reactiveUrl(database));
        }
        config.put("kafka.bootstrap.servers", bootstrap);
        config.putAll(jwtConfig());
        config.put("okr.test.kafka.bootstrap", bootstrap);
        return config;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
            System.getProperties().remove(KafkaControl.PROPERTY);
        }
    }

    private String startOwnKafka() {
        kafka = new EmbeddedKafka();
        kafka.start();
        KafkaControl.register(kafka);
        return kafka.bootstrapServers();
    }

    private static synchronized String sharedBootstrapServers() {
        String external = System.getenv("KAFKA_BOOTSTRAP_SERVERS");
        if (external != null && !external.isBlank()) {
            String first = external.split(",")[0].trim();
            int colon = first.lastIndexOf(':');
            if (colon > 0 && Ports.answers(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)))) {
                return external;
            }
        }
        if (sharedKafka == null) {
            sharedKafka = new EmbeddedKafka();
            sharedKafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(sharedKafka::stop, "embedded-kafka-stop"));
        }
        return sharedKafka.bootstrapServers();
    }

    /** Token verification settings for an app under test, matching the tokens {@link TestTokens} mints. */
    public static Map<String, String> jwtConfig() {
        KeyPair pair = keys();
        return Map.of("mp.jwt.verify.publickey", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()),
                "mp.jwt.verify.issuer", ISSUER,
                "mp.jwt.verify.audiences", AUDIENCE);
    }

    private static synchronized KeyPair keys() {
        if (keys == null) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                keys = generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            System.setProperty(PRIVATE_KEY_PROPERTY, Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded()));
        }
        return keys;
    }
}
