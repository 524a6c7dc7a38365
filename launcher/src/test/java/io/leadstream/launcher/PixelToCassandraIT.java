package io.leadstream.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.GatewayServer;
import io.leadstream.jobs.EngineJob;
import io.leadstream.jobs.EngineOptions;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.LeadStreamStackExtension;
import io.leadstream.stack.TestNamespace;
import io.leadstream.store.cassandra.CassandraSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.flink.api.common.JobID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The first end-to-end slice through every real part: a pixel hit on the gateway, an Avro record
 * in Kafka, the engine job on the MiniCluster, a row in Cassandra.
 */
@ExtendWith(LeadStreamStackExtension.class)
class PixelToCassandraIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void pixelHitTravelsFromGatewayThroughKafkaAndFlinkIntoCassandra(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config()
                .with(GatewayOptions.PORT, 0)
                .with(GatewayOptions.API_TOKEN, "e2e-token")
                .with(EngineOptions.CHECKPOINT_INTERVAL, Duration.ofSeconds(2));
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        JobID job = startEngine(ns, config);
        try (GatewayServer gateway = new GatewayServer(config).start()) {
            String device = "dev0001e2e";
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                            + "/mtracking.gif?page_url=" + enc("https://shop.example/pricing?utm_source=newsletter&utm_medium=email")
                            + "&page_title=" + enc("Pricing") + "&page_referrer=" + enc("https://search.example/")
                            + "&email=" + enc("ada@example.com") + "&utm_campaign=spring"))
                            .header("Cookie", "mautic_device_id=" + device)
                            .header("User-Agent", "Mozilla/5.0 (e2e)").build(),
                    HttpResponse.BodyHandlers.ofByteArray());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/gif");
            assertThat(response.body()).hasSize(43);

            TrackingEvent inKafka = readOneFromKafka(config);
            assertThat(inKafka.getDeviceId()).isEqualTo(device);
            assertThat(inKafka.getSource()).isEqualTo(Source.PIXEL);
            assertThat(((PageHit) inKafka.getPayload()).getUrl()).isEqualTo("https://shop.example/pricing?utm_source=newsletter&utm_medium=email");

            try (CqlSession session = ns.stack().cassandra().newSession()) {
                // Stored once, in its contact's timeline, with the device it came from; the contact row has where it was seen.
                Row row = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> session.execute("SELECT * FROM " + ns.keyspace()
                                + ".contact_timeline WHERE device_id = ? ALLOW FILTERING", device).one(), r -> r != null);
                assertThat(row.getString("event_id")).isEqualTo(inKafka.getEventId());
                assertThat(row.getString("kind")).isEqualTo("page_hit");
                assertThat(row.getString("url")).isEqualTo("https://shop.example/pricing?utm_source=newsletter&utm_medium=email");
                assertThat(row.getString("title")).isEqualTo("Pricing");
                assertThat(row.getInstant("event_time")).isEqualTo(inKafka.getEventTime());
                String contact = row.getString("contact_id");
                Row seen = await().atMost(Duration.ofSeconds(10)).until(() -> session.execute("SELECT * FROM " + ns.keyspace()
                        + ".contacts WHERE contact_id = ?", contact).one(), r -> r != null);
                assertThat(seen.getString("ip")).isEqualTo("127.0.0.1");
                assertThat(seen.getInstant("last_seen")).isEqualTo(inKafka.getEventTime());
                assertThat(session.execute("SELECT value FROM " + ns.keyspace() + ".contact_fields WHERE contact_id = ? AND field = 'email'",
                        contact).one().getString(0)).isEqualTo("ada@example.com");
                assertThat(row.getMap("detail", String.class, String.class))
                        .containsEntry("utm_source", "newsletter")
                        .containsEntry("utm_medium", "email")
                        .containsEntry("utm_campaign", "spring");
            }
        } finally {
            ns.stack().flink().cancel(job);
        }
    }

    @Test
    void garbageInTheTopicIsSkippedAndGoodEventsStillLand(TestNamespace ns) throws Exception {
        LeadStreamConfig config = ns.config().with(GatewayOptions.PORT, 0).with(GatewayOptions.API_TOKEN, "e2e-token");
        TopicAdmin.ensureTopics(config);
        CassandraSchema.apply(config);
        Properties p = new Properties();
        p.put("bootstrap.servers", config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TopicNames.from(config).rawEvents(), "bad", "not avro".getBytes())).get();
        }
        JobID job = startEngine(ns, config);
        try (GatewayServer gateway = new GatewayServer(config).start()) {
            HttpResponse<byte[]> ok = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                    + "/mtracking.gif?page_url=" + enc("https://a.example/"))).header("Cookie", "mautic_device_id=goodone01").build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ok.statusCode()).isEqualTo(200);
            HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/mtracking.gif")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(bad.statusCode()).isEqualTo(400);
            assertThat(bad.body()).contains("page_url is required");

            try (CqlSession session = ns.stack().cassandra().newSession()) {
                await().atMost(Duration.ofSeconds(60)).until(() -> session.execute("SELECT * FROM " + ns.keyspace()
                        + ".contact_timeline WHERE device_id = 'goodone01' ALLOW FILTERING").one() != null);
            }
            assertThat(ns.stack().flink().status(job).isTerminalState()).isFalse();
        } finally {
            ns.stack().flink().cancel(job);
        }
    }

    private static JobID startEngine(TestNamespace ns, LeadStreamConfig config) {
        StreamExecutionEnvironment env = EngineJob.environment(config);
        EngineJob.build(env, config);
        JobID job = ns.stack().flink().submit(env, "engine-" + ns.keyspace());
        ns.stack().flink().awaitRunning(job, Duration.ofSeconds(60));
        return job;
    }

    private static TrackingEvent readOneFromKafka(LeadStreamConfig config) {
        Properties c = new Properties();
        c.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(KafkaOptions.BOOTSTRAP_SERVERS));
        c.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-reader");
        c.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
        List<TrackingEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(TopicNames.from(config).rawEvents()));
            long deadline = System.currentTimeMillis() + 30_000;
            while (events.isEmpty() && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    events.add(codec.decode(r.value()));
                }
            }
        }
        assertThat(events).as("records in Kafka").hasSize(1);
        return events.get(0);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }
}
