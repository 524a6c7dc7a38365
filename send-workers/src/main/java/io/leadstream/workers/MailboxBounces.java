package io.leadstream.workers;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.ids.DeterministicIds;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.common.kafka.AckedProducerConfig;
import io.leadstream.email.DeliveryStatusReport.Bounce;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.BounceKind;
import io.leadstream.schemas.event.EmailBounce;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A bounce mailbox's bounces to Kafka as the gateway's bounce endpoint publishes them: each whose
 * address belongs to a contact is that contact's {@code EmailBounce} event on raw-events, keyed as
 * the gateway keys a contact's event. The id and time come from the notification (its Message-ID and
 * the mailbox's arrival time), not from the reading: a notification read twice (a crash between
 * Kafka's acknowledgement and the flag, two processes reading one mailbox) is the same event twice.
 */
final class MailboxBounces implements AutoCloseable {
    /** How long a notification's events may wait for Kafka before it is left for the next reading. */
    private static final long ACK_SECONDS = 30;

    private final AddressOwners owners;
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);

    MailboxBounces(LeadStreamConfig config, AddressOwners owners, String clientId) {
        this.owners = owners;
        this.topic = TopicNames.from(config).rawEvents();
        java.util.Properties p = AckedProducerConfig.of(config, clientId);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TimeUnit.SECONDS.toMillis(ACK_SECONDS)));
        this.producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * Publishes the notification's bounces and waits until Kafka has them all; the addresses no contact
     * has. A failure (Cassandra, Kafka) throws: nothing is to be flagged, the next reading tries again.
     */
    List<String> publish(List<Bounce> bounces, String notificationId, Instant arrived) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> unknown = new ArrayList<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        for (Bounce b : bounces) {
            String contactId = owners.contactOf(b.address());
            if (contactId == null) {
                unknown.add(b.address());
                continue;
            }
            TrackingEvent event = event(b, contactId, notificationId, arrived);
            acks.add(producer.send(new ProducerRecord<>(topic, IdentityIds.CONTACT_DEVICE + contactId, codec.encode(event))));
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(ACK_SECONDS, TimeUnit.SECONDS);
        }
        return unknown;
    }

    /** The event the gateway's bounce endpoint publishes for the same bounce, but for its id and time. */
    static TrackingEvent event(Bounce b, String contactId, String notificationId, Instant arrived) {
        return TrackingEvent.newBuilder()
                .setEventId("bounce-" + DeterministicIds.of(notificationId, b.address(), b.hard() ? "hard" : "soft"))
                .setEventTime(arrived)
                .setSource(Source.EMAIL)
                .setContext(EventContext.newBuilder().setTrackable(false).setNonTrackableReason("bounce report").build())
                .setFields(Map.of())
                .setContactId(contactId)
                .setPayload(EmailBounce.newBuilder().setSendId(b.sendId()).setAddress(b.address())
                        .setKind(b.hard() ? BounceKind.HARD : BounceKind.SOFT).setDiagnostic(b.detail()).build())
                .build();
    }

    @Override
    public void close() {
        producer.close();
    }
}
