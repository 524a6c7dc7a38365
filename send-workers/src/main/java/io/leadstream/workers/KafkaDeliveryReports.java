package io.leadstream.workers;

import io.leadstream.common.kafka.AckedProducerConfig;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.DeliveryResult;
import io.leadstream.schemas.engine.DeliveryStatus;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivery results to the {@code delivery-results} topic (for email stats), and a refusal the SMTP
 * server gave at once (5xx) as the contact's hard bounce on {@code raw-events}, the same event the
 * bounce endpoint publishes, so do-not-contact, the timeline and the stats follow one path.
 *
 * <p>Sent asynchronously after the outcome is recorded in Cassandra: a worker that dies in between
 * loses the reports still in its producer's buffer (the messages themselves are safe), and a
 * report repeated by another worker is counted once, by send id.
 */
public final class KafkaDeliveryReports implements DeliveryReports {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaDeliveryReports.class);

    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final AvroCodec<DeliveryResult> results = AvroCodec.of(DeliveryResult.class);
    private final AvroCodec<TrackingEvent> events = AvroCodec.of(TrackingEvent.class);

    public KafkaDeliveryReports(LeadStreamConfig config, String clientId) {
        this.topics = TopicNames.from(config);
        Properties p = AckedProducerConfig.of(config, clientId);
        // Reports are sent after the fact and nobody waits on them: batch them rather than one request per send.
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    @Override
    public void finished(OutboxMessage m, DeliveryStatus status, int attempts, String detail, Instant at, String address) {
        if (m.test() || m.notification()) {
            return; // an editor's test, a form's notification: no contact's send, so no stats, bounce or timeline (its outbox row keeps the outcome)
        }
        DeliveryResult result = DeliveryResult.newBuilder()
                .setCommandId(m.commandId()).setContactId(m.contactId()).setEventTime(at).setStatus(status).setAttempts(attempts)
                .setDetail(detail).setChannel(m.email() ? Channel.EMAIL : Channel.WEBHOOK)
                .setEmailId(m.emailId()).setCampaignId(m.campaignId()).setCampaignEventId(m.campaignEventId())
                .setReason(status == DeliveryStatus.SUPPRESSED ? SuppressionReasons.of(detail) : null)
                .build();
        send(topics.deliveryResults(), m.contactId(), results.encode(result));
        if (status == DeliveryStatus.BOUNCED_HARD && address != null) {
            send(topics.rawEvents(), m.contactId(), events.encode(bounce(m, address, detail, at)));
        }
    }

    /** Keyed by contact like the gateway's contact-known events; the id is the send's, so a repeat is the same event. */
    static TrackingEvent bounce(OutboxMessage m, String address, String detail, Instant at) {
        return TrackingEvent.newBuilder()
                .setEventId("bounce-" + m.commandId())
                .setEventTime(at)
                .setContactId(m.contactId())
                .setSource(Source.EMAIL)
                .setContext(EventContext.newBuilder().setTrackable(false).setNonTrackableReason("delivery report").build())
                .setFields(Map.of())
                .setPayload(EmailBounce.newBuilder().setSendId(m.commandId()).setAddress(address).setKind(BounceKind.HARD)
                        .setDiagnostic(detail).build())
                .build();
    }

    private void send(String topic, String key, byte[] value) {
        producer.send(new ProducerRecord<>(topic, key, value), (meta, e) -> {
            if (e != null) {
                LOG.warn("Delivery report for {} not written to {}: {}", key, topic, e.toString());
            }
        });
    }

    /** The producer's own metrics (its send errors among them) as meters. */
    KafkaClientMetrics meters() {
        return new KafkaClientMetrics(producer);
    }

    @Override
    public void close() {
        producer.close();
    }
}
