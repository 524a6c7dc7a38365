package io.leadstream.gateway.contacts;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.common.email.TestSends;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.gateway.EventPublisher;
import io.leadstream.gateway.FieldAdmission;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.contact.ContactActionEvents;
import io.leadstream.schemas.engine.Channel;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.engine.SendCommand;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Identification;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the APIs (/api/v1 and Mautic's) do to contacts by hand, as the records the engine and send workers already take:
 * events of the contact on raw-events (fields, points, do-not-contact, campaigns by hand), segment
 * commands, and send commands. Each future completes once Kafka has the record.
 */
public final class ContactActions implements AutoCloseable {

    private final EventPublisher publisher;
    private final FieldAdmission fields;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final AvroCodec<SegmentCommand> segmentCodec = AvroCodec.of(SegmentCommand.class);
    private final AvroCodec<SendCommand> sendCodec = AvroCodec.of(SendCommand.class);

    private final String via;
    private final boolean owner;

    /** {@code via} names the API in what it records ("mautic-api": Mautic's, "api": /api/v1 and the web app). */
    public ContactActions(LeadStreamConfig config, EventPublisher publisher, FieldAdmission fields, String via) {
        this.publisher = publisher;
        this.fields = fields;
        this.topics = TopicNames.from(config);
        this.producer = AckedProducers.create(config, "leadstream-gateway-contact-actions", new ByteArraySerializer());
        this.via = via;
        this.owner = true;
    }

    private ContactActions(ContactActions shared, String via) {
        this.publisher = shared.publisher;
        this.fields = shared.fields;
        this.topics = shared.topics;
        this.producer = shared.producer;
        this.via = via;
        this.owner = false;
    }

    /** The same actions, on the same producer, recorded as done through {@code via}; closing it closes nothing. */
    public ContactActions via(String otherVia) {
        return new ContactActions(this, otherVia);
    }

    /** A new contact, or one known by its address, identified with these fields (as an import row is). */
    public Future<TrackingEvent> identify(String deviceId, String contactId, Map<String, String> values, String userAgent) {
        TrackingEvent event = fields.admit(TrackingEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(Instant.now())
                .setDeviceId(deviceId)
                .setContactId(contactId)
                .setSource(Source.API)
                .setContext(EventContext.newBuilder().setUserAgent(userAgent).setTrackable(true).build())
                .setFields(values)
                .setPayload(Identification.newBuilder().setVia(via).build())
                .build(), FieldAdmission.Caller.TRUSTED);
        return publisher.publish(event).map(v -> event);
    }

    public Future<TrackingEvent> fields(String contactId, Map<String, String> values) {
        return action(contactId, ContactActionEvents.FIELDS, Map.of(), values);
    }

    public Future<TrackingEvent> points(String contactId, int delta) {
        return action(contactId, ContactActionEvents.POINTS, Map.of(ContactActionEvents.POINTS_DELTA, Integer.toString(delta)), Map.of());
    }

    public Future<TrackingEvent> doNotContact(String contactId, boolean dnc) {
        return action(contactId, ContactActionEvents.DNC, Map.of(ContactActionEvents.DNC_VALUE, Boolean.toString(dnc)), Map.of());
    }

    public Future<TrackingEvent> tags(String contactId, java.util.Collection<String> add, java.util.Collection<String> remove) {
        Map<String, String> properties = new java.util.HashMap<>();
        if (!add.isEmpty()) {
            properties.put(ContactActionEvents.TAGS_ADD, String.join(",", add));
        }
        if (!remove.isEmpty()) {
            properties.put(ContactActionEvents.TAGS_REMOVE, String.join(",", remove));
        }
        return action(contactId, ContactActionEvents.TAGS, properties, Map.of());
    }

    public Future<TrackingEvent> campaign(String contactId, String campaignId, boolean add) {
        return action(contactId, ContactActionEvents.CAMPAIGN, Map.of(ContactActionEvents.CAMPAIGN_ID, campaignId,
                ContactActionEvents.CAMPAIGN_ACTION, add ? "add" : "remove"), Map.of());
    }

    /** Into lifecycle stage {@code stageId} (any weight), or out of it ({@code add} false: only if the contact is in it). */
    public Future<TrackingEvent> stage(String contactId, String stageId, boolean add) {
        return action(contactId, ContactActionEvents.STAGE, add ? Map.of(ContactActionEvents.STAGE_ID, stageId)
                : Map.of(ContactActionEvents.STAGE_ID, "", ContactActionEvents.STAGE_FROM, stageId), Map.of());
    }

    public Future<Void> segment(String contactId, String segmentId, boolean add) {
        SegmentCommand command = SegmentCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setContactId(contactId)
                .setSegmentId(segmentId).setAction(add ? SegmentCommandAction.ADD : SegmentCommandAction.REMOVE)
                .setRequestedAt(Instant.now()).setSource(via).build();
        return Future.fromCompletionStage(AckedProducers.acked(producer, new ProducerRecord<>(topics.segmentCommands(), contactId,
                segmentCodec.encode(command)))).mapEmpty();
    }

    /** One email to one contact now, as a send worker delivers a campaign's (do-not-contact still holds for marketing email). */
    public Future<String> send(String contactId, String emailId, boolean transactional) {
        return command(contactId, emailId, transactional, UUID.randomUUID().toString(), Map.of("source", via));
    }

    /**
     * An editor's test of {@code emailId} to {@code to} ({@link TestSends}), through the send workers;
     * {@code contactId} (may be null) lends its fields to the tokens.
     */
    public Future<String> testSend(String emailId, String to, String contactId) {
        return command(contactId == null ? "test-send" : contactId, emailId, true, UUID.randomUUID().toString(),
                Map.of("source", via, TestSends.TO, to));
    }

    private Future<String> command(String contactId, String emailId, boolean transactional, String commandId, Map<String, String> attributes) {
        Instant now = Instant.now();
        SendCommand command = SendCommand.newBuilder().setCommandId(commandId).setChannel(Channel.EMAIL)
                .setContactId(contactId).setDueTime(now).setCreatedTime(now).setEmailId(emailId).setTransactional(transactional)
                .setAttributes(attributes).build();
        return Future.fromCompletionStage(AckedProducers.acked(producer, new ProducerRecord<>(topics.sendCommands(), contactId,
                sendCodec.encode(command)))).map(meta -> command.getCommandId());
    }

    private Future<TrackingEvent> action(String contactId, String name, Map<String, String> properties, Map<String, String> values) {
        TrackingEvent event = ContactActionEvents.of(UUID.randomUUID().toString(), contactId, System.currentTimeMillis(), name,
                properties, values, via);
        event.setSource(Source.API); // on the record itself: a builder copy would deep-copy it through Avro's class checks
        TrackingEvent admitted = values.isEmpty() ? event : fields.admit(event, FieldAdmission.Caller.TRUSTED);
        return publisher.publish(admitted).map(v -> admitted);
    }

    @Override
    public void close() {
        if (owner) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
