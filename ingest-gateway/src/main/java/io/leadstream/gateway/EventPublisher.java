package io.leadstream.gateway;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.kafka.AckedProducerConfig;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes raw events to Kafka and completes only when Kafka acknowledged them
 * (acks=all, idempotent producer): a 2xx from the gateway means the event is durable.
 * Requests in flight are bounded; past the bound, or past the ack timeout, the future fails
 * with {@link OverloadedException} and the handler answers 503.
 */
public final class EventPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);
    private final String topic;
    private final Vertx vertx;
    private final long ackTimeoutMs;
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Map<Context, AckInbox> inboxes = new ConcurrentHashMap<>();

    public EventPublisher(Vertx vertx, LeadStreamConfig config) {
        this.vertx = vertx;
        this.topic = TopicNames.from(config).rawEvents();
        this.ackTimeoutMs = config.get(GatewayOptions.KAFKA_ACK_TIMEOUT).toMillis();
        this.maxInFlight = config.get(GatewayOptions.MAX_IN_FLIGHT);
        Properties p = AckedProducerConfig.of(config, "leadstream-gateway");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(config.get(GatewayOptions.KAFKA_LINGER).toMillis()));
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, config.get(GatewayOptions.KAFKA_COMPRESSION));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "0");
        // The producer keeps retrying after the gateway gave up with a 503; the client's retry may then
        // duplicate the event, which is at-least-once and never a 2xx for an event Kafka lacks.
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "15000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(Math.max(ackTimeoutMs * 6, 30_000)));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Fetches the topic's metadata before traffic arrives: with {@code max.block.ms=0} a send
     * never blocks the event loop, so it needs the partitions to be known already.
     */
    public void warmUp(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                producer.partitionsFor(topic);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("No metadata for topic " + topic + " from Kafka", e);
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(ie);
                }
            }
        }
    }


    /**
     * The record key of a raw event, as the identity stage keys it: its device, or for a server-side
     * event without one its contact, so one contact's such events stay in order on one partition.
     */
    public static String key(TrackingEvent event) {
        if (event.getDeviceId() != null) {
            return event.getDeviceId();
        }
        return event.getContactId() == null ? null : io.leadstream.common.ids.IdentityIds.CONTACT_DEVICE + event.getContactId();
    }

    /** Completes on the caller's event loop once Kafka has the event. Key: {@link #key}. */
    public Future<Void> publish(TrackingEvent event) {
        if (inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            return Future.failedFuture(new OverloadedException("too many events awaiting Kafka"));
        }
        Context context = vertx.getOrCreateContext();
        if (!Context.isOnEventLoopThread()) {
            // Callers off an event loop (tests, tools) hop onto one: an inbox is event-loop only.
            inFlight.decrementAndGet();
            Promise<Void> hopped = Promise.promise();
            context.runOnContext(v -> publish(event).onComplete(hopped));
            return hopped.future();
        }
        // Requests run on per-request duplicates of the verticle's context: one inbox per event loop.
        AckInbox inbox = inboxes.computeIfAbsent(((ContextInternal) context).unwrap(),
                c -> new AckInbox(vertx, c, ackTimeoutMs));
        AckInbox.Pending pending = inbox.track();
        try {
            producer.send(new ProducerRecord<>(topic, key(event), codec.encode(event)), (meta, error) -> {
                inFlight.decrementAndGet();
                inbox.answered(pending, error);
            });
        } catch (RuntimeException e) {
            // max.block.ms=0: metadata unavailable (broker down) fails here instead of blocking the event loop.
            inFlight.decrementAndGet();
            inbox.failNow(pending, new OverloadedException("Kafka unavailable: " + e.getMessage()));
        }
        return pending.future();
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public void close() {
        inboxes.values().forEach(AckInbox::close);
        producer.close(java.time.Duration.ofSeconds(10));
    }

    /** Kafka could not take the event in time: the client should retry later. */
    public static final class OverloadedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OverloadedException(String message) {
            super(message, null, false, false);
        }
    }
}
