package io.leadstream.gateway;

import io.leadstream.common.config.KafkaOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.TopicAdmin;
import io.leadstream.email.LinkOptions;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.stack.TestNamespace;
import io.leadstream.stack.TopicReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/** A gateway on the shared stack's Kafka, with helpers to call it and read what it published. */
final class GatewayFixture implements AutoCloseable {
    static final String TOKEN = "test-api-token-0123456789";
    static final String SECRET = "test-token-secret-0123456789-0123456789";

    final LeadStreamConfig config;
    final GatewayServer gateway;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);

    GatewayFixture(TestNamespace ns, UnaryOperator<LeadStreamConfig> customize) {
        LeadStreamConfig base = ns.stack().config(ns.topicPrefix(), ns.keyspace())
                .with(GatewayOptions.PORT, 0)
                .with(GatewayOptions.API_TOKEN, TOKEN)
                .with(LinkOptions.TOKEN_SECRET, SECRET);
        this.config = customize.apply(base);
        TopicAdmin.ensureTopics(config);
        this.gateway = new GatewayServer(config).start();
    }

    String url(String pathAndQuery) {
        return gateway.baseUrl() + pathAndQuery;
    }

    HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String pathAndQuery, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String pathAndQuery, String contentType, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(pathAndQuery))).timeout(Duration.ofSeconds(30))
                .header("Content-Type", contentType);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Every event published so far, in event-time order. Reads to the end offsets: every request
     * answered before this call was acknowledged by Kafka, so it is below them.
     */
    List<TrackingEvent> drain() {
        return rawEventRecords().stream().map(rec -> codec.decode(rec.value()))
                .sorted(java.util.Comparator.comparing(TrackingEvent::getEventTime))
                .toList();
    }

    /** Every raw-events record so far, with its key, in partition order. */
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> rawEventRecords() {
        return TopicReader.readAll(config.get(KafkaOptions.BOOTSTRAP_SERVERS), TopicNames.from(config).rawEvents(), Duration.ofSeconds(30));
    }

    /** Every record of the definitions topic so far (key kind/id, JSON value or a null tombstone). */
    List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> definitionRecords() {
        return TopicReader.readAll(config.get(KafkaOptions.BOOTSTRAP_SERVERS), TopicNames.from(config).definitions(), Duration.ofSeconds(30));
    }

    /** The rejected-records topic as JSON values, once it holds at least {@code expected} (refusals are recorded without the answer waiting). */
    List<io.vertx.core.json.JsonObject> rejected(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<io.vertx.core.json.JsonObject> out = TopicReader.readAll(config.get(KafkaOptions.BOOTSTRAP_SERVERS), TopicNames.from(config).rejected(),
                    Duration.ofSeconds(30)).stream().map(r -> new io.vertx.core.json.JsonObject(new String(r.value(), StandardCharsets.UTF_8))).toList();
            if (out.size() >= expected || System.nanoTime() > deadline) {
                return out;
            }
            Thread.sleep(200);
        }
    }

    /** The pointers of a 422's problems, in order. */
    static List<String> problemPointers(HttpResponse<String> response) {
        return new io.vertx.core.json.JsonObject(response.body()).getJsonObject("error").getJsonArray("problems").stream()
                .map(p -> ((io.vertx.core.json.JsonObject) p).getString("pointer")).toList();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
