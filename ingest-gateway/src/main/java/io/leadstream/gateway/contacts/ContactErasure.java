package io.leadstream.gateway.contacts;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.gateway.EventPublisher;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.schemas.gdpr.ErasureMarkers;
import io.leadstream.store.cassandra.FirstSeen;
import io.leadstream.store.cassandra.table.CompanyMembersTable;
import io.leadstream.store.cassandra.table.ContactErasuresTable;
import io.leadstream.store.cassandra.table.ContactFormSubmissionsTable;
import io.leadstream.store.cassandra.table.ContactProfilesTable;
import io.leadstream.store.cassandra.table.ContactSegmentsTable;
import io.leadstream.store.cassandra.table.ContactTables;
import io.leadstream.store.cassandra.table.ContactsByIdentifierTable;
import io.leadstream.store.cassandra.table.ContactsTable;
import io.leadstream.store.cassandra.table.FormSubmissionsTable;
import io.leadstream.store.cassandra.table.MembershipTables;
import io.leadstream.store.cassandra.table.OutboxTable;
import io.leadstream.store.cassandra.table.SegmentMembersTable;
import io.leadstream.store.cassandra.table.StageMembersTable;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GDPR erasure of a person: the root contact, every id merged into it, the devices their events
 * came from and their identifier. First the engine is told, through erasure markers on raw-events
 * (acknowledged by Kafka before anything is deleted): each keyed stage drops the key's state and
 * keeps a tombstone, so late events cannot bring the person back. Then every row is deleted from
 * Cassandra, and deleted again after {@code repeatAfter}, for writes the engine had in flight.
 * An audit row with the pseudonymous ids is kept in {@code contact_erasures}. docs/gdpr.md.
 */
public final class ContactErasure implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ContactErasure.class);

    private final Vertx vertx;
    private final ContactExport export;
    private final ContactSession session;
    private final KafkaProducer<String, byte[]> producer;
    private final String rawEvents;
    private final Duration repeatAfter;
    private final java.nio.file.Path formFiles;
    private final AvroCodec<TrackingEvent> codec = AvroCodec.of(TrackingEvent.class);

    public ContactErasure(Vertx vertx, LeadStreamConfig config, ContactStore contacts, ContactExport export, Duration repeatAfter) {
        this.vertx = vertx;
        this.export = export;
        this.session = contacts.session();
        this.producer = AckedProducers.create(config, "leadstream-gateway-erasures", new ByteArraySerializer());
        this.rawEvents = TopicNames.from(config).rawEvents();
        this.repeatAfter = repeatAfter;
        this.formFiles = io.leadstream.gateway.FormFiles.dir(config);
    }

    /** What was erased, or empty when nothing is known about the id. */
    public CompletionStage<Optional<JsonObject>> erase(String id) {
        return export.export(id).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Optional.<JsonObject>empty());
            }
            JsonObject doc = found.get();
            String erasureId = UUID.randomUUID().toString();
            Instant at = Instant.now();
            List<String> ids = strings(doc.getJsonArray("ids"));
            List<String> devices = strings(doc.getJsonArray("devices"));
            JsonArray identifier = doc.getJsonObject("tables").getJsonArray(ContactsByIdentifierTable.NAME, new JsonArray());
            return markers(erasureId, at, ids, devices, identifier)
                    .thenCompose(v -> delete(doc))
                    .thenCompose(rows -> audit(doc, erasureId, at, rows).thenApply(v -> {
                        vertx.setTimer(repeatAfter.toMillis(), t -> delete(doc).whenComplete((again, e) -> {
                            if (e != null) {
                                LOG.warn("Erasure {}: the repeated deletion failed: {}", erasureId, e.toString());
                            } else {
                                LOG.info("Erasure {}: repeated deletion done ({} rows found again)", erasureId, again);
                            }
                        }));
                        return Optional.of(new JsonObject().put("erasureId", erasureId).put("contact", doc.getString("contact"))
                                .put("ids", new JsonArray(ids)).put("devices", devices.size()).put("erasedAt", at.toString())
                                .put("rowsDeleted", rows));
                    }));
        });
    }

    /** Markers for every device, every contact id and the identifier; done when Kafka acknowledged all. */
    private CompletionStage<Void> markers(String erasureId, Instant at, List<String> ids, List<String> devices, JsonArray identifier) {
        List<CompletableFuture<?>> acks = new ArrayList<>();
        for (String device : devices) {
            acks.add(send(ErasureMarkers.device(erasureId, device, at)));
        }
        for (String contact : ids) {
            acks.add(send(ErasureMarkers.contact(erasureId, contact, at)));
        }
        for (Object row : identifier) {
            JsonObject r = (JsonObject) row;
            acks.add(send(ErasureMarkers.identifier(erasureId, r.getString("field"), r.getString("value"), at)));
        }
        // Not acknowledged: nothing is deleted, and the client is told to retry (503), like any write the gateway could not store.
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).handle((v, e) -> {
            if (e != null) {
                throw new ContactStore.StoreUnavailableException("erasure markers not acknowledged by Kafka: " + e.getMessage(), e);
            }
            return null;
        });
    }

    private CompletableFuture<?> send(TrackingEvent marker) {
        return AckedProducers.acked(producer, new ProducerRecord<>(rawEvents, EventPublisher.key(marker), codec.encode(marker)));
    }

    /**
     * Deletes every partition of the person, then the rows of shared tables that name one of its ids:
     * segment members and form results (both found through the person's own index of them), its rows
     * in the companies' contacts (found through the companies its profile lists), the
     * membership logs (segments', stages') and pending sends (those two by a filtering scan: an
     * erasure is rare, and nothing else finds those rows by contact). Returns the rows removed: those
     * the export found plus those the scans found (a partition delete says nothing of what it removed).
     */
    private CompletionStage<Long> delete(JsonObject doc) {
        JsonObject tables = doc.getJsonObject("tables");
        List<String> ids = strings(doc.getJsonArray("ids"));
        List<String> devices = strings(doc.getJsonArray("devices"));
        List<CompletionStage<Void>> deletes = new ArrayList<>();
        for (ContactTables.Keyed table : ContactTables.BY_CONTACT) {
            String delete = ContactTables.deleteByKey(table);
            ids.forEach(id -> deletes.add(session.execute(delete, id)));
        }
        ids.forEach(id -> deletes.add(session.execute(ContactsTable.DELETE_FIRST_SEEN_USING_TIMESTAMP_BY_CONTACT_ID, FirstSeen.deleteTimestamp(), id)));
        for (ContactTables.Keyed table : ContactTables.BY_DEVICE) {
            String delete = ContactTables.deleteByKey(table);
            devices.forEach(device -> deletes.add(session.execute(delete, device)));
        }
        for (Object row : tables.getJsonArray(ContactsByIdentifierTable.NAME, new JsonArray())) {
            JsonObject r = (JsonObject) row;
            deletes.add(session.execute(ContactsByIdentifierTable.DELETE_BY_FIELD_AND_VALUE, r.getString("field"), r.getString("value")));
        }
        for (Object row : tables.getJsonArray(ContactSegmentsTable.NAME, new JsonArray())) {
            JsonObject r = (JsonObject) row;
            deletes.add(session.execute(SegmentMembersTable.DELETE_BY_SEGMENT_ID_AND_CONTACT_ID, r.getString("segment_id"), r.getString("contact_id")));
        }
        for (Object row : tables.getJsonArray(ContactProfilesTable.NAME, new JsonArray())) {
            JsonObject r = (JsonObject) row;
            String stage = r.getString("stage");
            if (stage != null && !stage.isEmpty()) {
                deletes.add(session.execute(StageMembersTable.DELETE_BY_STAGE_ID_AND_CONTACT_ID, stage, r.getString("contact_id")));
            }
        }
        for (Object row : tables.getJsonArray(CompanyMembersTable.NAME, new JsonArray())) {
            JsonObject r = (JsonObject) row; // the person's place in a company's contacts; the company itself stays
            deletes.add(session.execute(CompanyMembersTable.DELETE_BY_COMPANY_ID_AND_CONTACT_ID, r.getString("company_id"), r.getString("contact_id")));
        }
        for (Object row : tables.getJsonArray(ContactFormSubmissionsTable.NAME, new JsonArray())) {
            JsonObject r = (JsonObject) row;
            JsonObject values = r.getJsonObject("form_values", new JsonObject());
            Map<String, String> byAlias = new java.util.HashMap<>();
            values.forEach(e -> byAlias.put(e.getKey(), String.valueOf(e.getValue())));
            deletes.add(vertx.executeBlocking(() -> io.leadstream.gateway.FormFiles.delete(formFiles, byAlias), false)
                    .<Void>map(n -> null).toCompletionStage()); // the files they uploaded go with the rows
            deletes.add(session.execute(FormSubmissionsTable.DELETE_BY_FORM_ID_AND_SUBMITTED_AT_AND_EVENT_ID,
                    r.getString("form_id"), Instant.parse(r.getString("submitted_at")), r.getString("event_id")));
        }
        List<CompletionStage<Long>> scans = new ArrayList<>();
        for (String id : ids) {
            for (MembershipTables m : MembershipTables.values()) {
                scans.add(scanAndDelete(m.selectLogByContactId(), id,
                        r -> session.execute(m.deleteLogRow(), r.getString(0), r.getLocalDate(1), r.getInstant(2), id)));
            }
            scans.add(scanAndDelete(OutboxTable.SELECT_BY_CONTACT_ID, id,
                    r -> session.execute(OutboxTable.DELETE_BY_BUCKET_AND_SHARD_AND_DUE_AND_COMMAND_ID,
                            r.getInstant(0), r.getInt(1), r.getInstant(2), r.getString(3))));
        }
        long found = 0;
        for (Map.Entry<String, Object> t : tables) {
            found += ((JsonArray) t.getValue()).size();
        }
        long inExport = found;
        return AsyncRows.all(deletes).thenCompose(done -> AsyncRows.all(scans))
                .thenApply(counts -> inExport + counts.stream().mapToLong(Long::longValue).sum());
    }

    /** The rows a scan finds, each deleted; the count of them. */
    private CompletionStage<Long> scanAndDelete(String select, String id, Function<Row, CompletionStage<Void>> delete) {
        return session.rows(select, id).thenCompose(rows -> AsyncRows.all(rows.stream().map(delete).toList()).thenApply(done -> (long) rows.size()));
    }

    private CompletionStage<Void> audit(JsonObject doc, String erasureId, Instant at, long rows) {
        return session.execute(ContactErasuresTable.INSERT, new ContactErasuresTable.Row(doc.getString("contact"), erasureId, at,
                Set.copyOf(strings(doc.getJsonArray("ids"))), doc.getJsonArray("devices").size(), rows).values());
    }

    private static List<String> strings(JsonArray a) {
        return a.stream().map(String::valueOf).toList();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
