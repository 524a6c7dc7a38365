package io.leadstream.gateway;

import io.leadstream.common.kafka.AckedProducerConfig;
import io.leadstream.common.config.LeadStreamConfig;
import io.vertx.core.Context;
import io.vertx.ext.web.RoutingContext;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers for the API's writes (definitions, commands): every record acknowledged by all replicas, idempotent, never blocking a request for long. */
public final class AckedProducers {
    private AckedProducers() {}

    public static <V> KafkaProducer<String, V> create(LeadStreamConfig config, String clientId, Serializer<V> values) {
        Properties p = AckedProducerConfig.of(config, clientId);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        return new KafkaProducer<>(p, new StringSerializer(), values);
    }

    /**
     * Sends {@code record}; completes once Kafka has it, or with the failure (also when the producer
     * cannot take it at all). For writes that are not one request's answer (imports, erasures).
     */
    public static <V> CompletableFuture<RecordMetadata> acked(KafkaProducer<String, V> producer, ProducerRecord<String, V> record) {
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (meta, err) -> {
                if (err != null) {
                    acked.completeExceptionally(err);
                } else {
                    acked.complete(meta);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }

    /**
     * Sends {@code record} and answers the request on its own context: {@code onAck} once Kafka has the record, 503 + Retry-After
     * when it fails or the producer cannot take it (so no 2xx is given for a write that is not stored).
     */
    public static <V> void send(RoutingContext ctx, KafkaProducer<String, V> producer, ProducerRecord<String, V> record, String what,
                                Consumer<RecordMetadata> onAck) {
        Context context = ctx.vertx().getOrCreateContext();
        acked(producer, record).whenComplete((meta, err) -> context.runOnContext(v -> {
            if (err != null) {
                Responses.notStored(ctx, what, err);
            } else {
                onAck.accept(meta);
            }
        }));
    }
}
