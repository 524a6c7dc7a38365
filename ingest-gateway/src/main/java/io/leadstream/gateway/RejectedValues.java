package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contact-field values the gateway refused, one JSON record each on the rejected-records topic with
 * the reason also in a {@code reason} header: what a site sent and why it was not kept, for whoever
 * maps the site's fields. The event they came with is published and answered as usual; these
 * records are an audit of bad data, so the answer does not wait for them.
 */
public final class RejectedValues implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RejectedValues.class);
    private final KafkaProducer<String, String> producer;
    private final String topic;

    public RejectedValues(LeadStreamConfig config) {
        this.topic = TopicNames.from(config).rejected();
        this.producer = AckedProducers.create(config, "leadstream-gateway-rejected", new StringSerializer());
    }

    /** A value of {@code field} an event brought and the reason it was not kept. */
    public record Refusal(String field, String value, String reason) {}

    void publish(String key, String eventId, String source, Instant time, Refusal refusal) {
        JsonObject record = new JsonObject().put("kind", "contact_field").put("eventId", eventId).put("source", source)
                .put("field", refusal.field()).put("value", refusal.value()).put("reason", refusal.reason()).put("time", time.toString());
        ProducerRecord<String, String> out = new ProducerRecord<>(topic, key, record.encode());
        out.headers().add("reason", refusal.reason().getBytes(StandardCharsets.UTF_8));
        AckedProducers.acked(producer, out).whenComplete((meta, err) -> {
            if (err != null) {
                LOG.warn("Refused value of {} for event {} not recorded on {}: {}", refusal.field(), eventId, topic, err.toString());
            }
        });
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
