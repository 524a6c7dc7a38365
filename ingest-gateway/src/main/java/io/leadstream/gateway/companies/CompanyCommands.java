package io.leadstream.gateway.companies;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.CompanyCommand;
import io.leadstream.schemas.engine.CompanyCommandKind;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * What the APIs do to companies, as commands for the engine's company processor on company-commands
 * (key: the company the command is for). Each future completes once Kafka has the command; then this
 * gateway's {@link RecentCompanyWrites} has it too, so the next read sees it before the engine wrote it.
 */
public final class CompanyCommands implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final RecentCompanyWrites recent;
    private final String via;
    private final boolean owner;
    private final AvroCodec<CompanyCommand> codec = AvroCodec.of(CompanyCommand.class);

    /** {@code via} names the API in the commands' cause ("api": /api/v1, "mautic-api": Mautic's). */
    public CompanyCommands(LeadStreamConfig config, RecentCompanyWrites recent, String via) {
        this.producer = AckedProducers.create(config, "leadstream-gateway-company-commands", new ByteArraySerializer());
        this.topic = TopicNames.from(config).companyCommands();
        this.recent = recent;
        this.via = via;
        this.owner = true;
    }

    private CompanyCommands(CompanyCommands shared, String via) {
        this.producer = shared.producer;
        this.topic = shared.topic;
        this.recent = shared.recent;
        this.via = via;
        this.owner = false;
    }

    /** The same commands on the same producer, caused by {@code otherVia}; closing it closes nothing. */
    public CompanyCommands via(String otherVia) {
        return new CompanyCommands(this, otherVia);
    }

    /** Sets fields (in their stored form; "" clears one), creating the company when it is new. */
    public Future<CompanyCommand> upsert(String companyId, Map<String, String> fields, boolean creating) {
        CompanyCommand command = command(CompanyCommandKind.UPSERT, companyId).setFields(Map.copyOf(fields)).build();
        return send(command).onSuccess(c -> recent.fields(companyId, fields, creating, c.getEventTime()));
    }

    public Future<CompanyCommand> delete(String companyId) {
        return send(command(CompanyCommandKind.DELETE, companyId).build()).onSuccess(c -> recent.deleted(companyId, c.getEventTime()));
    }

    /** {@code merged} goes into {@code survivor}: its contacts, points and the fields the survivor lacks. */
    public Future<CompanyCommand> merge(String merged, String survivor) {
        return send(command(CompanyCommandKind.MERGE_INTO, merged).setOtherCompanyId(survivor).build())
                .onSuccess(c -> recent.merged(merged, survivor, c.getEventTime()));
    }

    /** The contact joins the company, which becomes its primary one (the latest joined is). */
    public Future<CompanyCommand> link(String companyId, String contactId) {
        return send(command(CompanyCommandKind.LINK, companyId).setContactId(contactId).build());
    }

    public Future<CompanyCommand> unlink(String companyId, String contactId) {
        return send(command(CompanyCommandKind.UNLINK, companyId).setContactId(contactId).build());
    }

    /** Changes the company's own points (its score is those plus its contacts'). */
    public Future<CompanyCommand> addPoints(String companyId, int delta) {
        return send(command(CompanyCommandKind.ADD_POINTS, companyId).setPoints(delta).build());
    }

    private CompanyCommand.Builder command(CompanyCommandKind kind, String companyId) {
        return CompanyCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setKind(kind).setCompanyId(companyId)
                .setEventTime(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).setCause(via); // as Avro keeps it
    }

    private Future<CompanyCommand> send(CompanyCommand command) {
        return Future.fromCompletionStage(AckedProducers.acked(producer, new ProducerRecord<>(topic, command.getCompanyId(), codec.encode(command))))
                .map(meta -> command);
    }

    @Override
    public void close() {
        if (owner) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
