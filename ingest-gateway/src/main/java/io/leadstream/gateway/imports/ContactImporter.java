package io.leadstream.gateway.imports;

import io.leadstream.common.config.TopicNames;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.gateway.EventPublisher;
import io.leadstream.gateway.FieldAdmission;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.leadstream.schemas.event.EventContext;
import io.leadstream.schemas.event.Identification;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import java.io.IOException;
import java.io.PushbackReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one import on its own thread: each data row of the (already uploaded) file becomes an
 * identify event with the row's fields on raw-events and, with a segment, a manual ADD on
 * segment-commands. Rows are matched to contacts by email: an address the store already knows goes
 * to its root contact; a new one to the contact of a per-address import device, so the identity stage
 * makes the import the address's owner, or merges it into a web visitor who claimed the address
 * first. Ids come from the import and line, so a row sent twice is one event.
 */
final class ContactImporter {
    private static final Logger LOG = LoggerFactory.getLogger(ContactImporter.class);
    /** RFC 4180, first record is the header; blank lines come through so that lines are counted (NumberedRecords drops them). */
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(false).setAllowMissingColumnNames(true).setAllowDuplicateHeaderNames(true).get();
    private static final int LOOKUP_BATCH = 256;
    private static final int MAX_UNACKED_ROWS = 10_000;

    private final ContactStore contacts;
    private final KafkaProducer<String, byte[]> producer;
    private final TopicNames topics;
    private final int maxFieldLength;
    private final AvroCodec<TrackingEvent> events = AvroCodec.of(TrackingEvent.class);
    private final AvroCodec<SegmentCommand> commands = AvroCodec.of(SegmentCommand.class);

    private final FieldAdmission fields;

    ContactImporter(ContactStore contacts, KafkaProducer<String, byte[]> producer, TopicNames topics, int maxFieldLength, FieldAdmission fields) {
        this.fields = fields;
        this.contacts = contacts;
        this.producer = producer;
        this.topics = topics;
        this.maxFieldLength = maxFieldLength;
    }

    /** The header of an uploaded file, or why it cannot be imported. */
    static List<String> header(Path csv) throws IOException {
        try (Reader reader = open(csv); CSVParser parser = FORMAT.parse(reader)) {
            return parser.getHeaderNames();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The file as UTF-8 text without the byte-order mark spreadsheets put first. */
    static Reader open(Path csv) throws IOException {
        PushbackReader reader = new PushbackReader(Files.newBufferedReader(csv, StandardCharsets.UTF_8));
        int first = reader.read();
        if (first != -1 && first != '\uFEFF') {
            reader.unread(first);
        }
        return reader;
    }

    void run(ImportJob job, Path csv, ImportColumns columns, Path errorsFile) {
        Semaphore unacked = new Semaphore(MAX_UNACKED_ROWS);
        try (Reader reader = open(csv);
                CSVParser parser = FORMAT.parse(reader);
                Rejections rejections = new Rejections(job, errorsFile)) {
            NumberedRecords records = new NumberedRecords(parser);
            List<ImportRow> batch = new ArrayList<>(LOOKUP_BATCH);
            String failure = null;
            try {
                while (records.hasNext()) {
                    NumberedRecords.Numbered record = records.next();
                    job.rows.incrementAndGet();
                    ImportRow row = ImportRow.of(record.line(), record.values(), columns, maxFieldLength);
                    if (row.rejected()) {
                        rejections.add(row.line(), row.rejection());
                    } else {
                        batch.add(row);
                    }
                    if (batch.size() == LOOKUP_BATCH) {
                        send(job, batch, unacked, rejections);
                        batch.clear();
                    }
                }
            } catch (UncheckedIOException e) {
                // A broken quote swallows the rest of the file: say where, keep what came before.
                failure = "CSV syntax error after line " + records.linesRead() + ": " + e.getCause().getMessage()
                        + "; the rest of the file was not read";
            }
            send(job, batch, unacked, rejections);
            producer.flush();
            if (!unacked.tryAcquire(MAX_UNACKED_ROWS, 2, TimeUnit.MINUTES)) {
                failure = "Kafka did not acknowledge every row within 2 minutes";
            }
            job.finished(failure);
        } catch (ContactLookupFailed e) {
            job.finished("contact lookups failed at line " + e.line + ": " + e.getMessage() + "; rows from there on were not imported");
        } catch (IOException | RuntimeException | InterruptedException e) {
            LOG.warn("Import {} failed", job.id(), e);
            job.finished(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        LOG.info("Import {}: {}", job.id(), job.toJson().copy().put("errors", "...").encode());
    }

    private void send(ImportJob job, List<ImportRow> batch, Semaphore unacked, Rejections rejections) throws InterruptedException {
        List<CompletableFuture<Optional<String>>> lookups = new ArrayList<>(batch.size());
        for (ImportRow row : batch) {
            lookups.add(existingContact(row.email()));
        }
        for (int i = 0; i < batch.size(); i++) {
            ImportRow row = batch.get(i);
            Optional<String> existing;
            try {
                existing = lookups.get(i).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new ContactLookupFailed(row.line(), e);
            }
            existing.ifPresent(id -> job.existing.incrementAndGet());
            unacked.acquire();
            publish(job, row, existing.orElse(null)).whenComplete((ok, error) -> {
                if (error == null) {
                    job.accepted.incrementAndGet();
                } else {
                    rejections.add(row.line(), "not stored in Kafka: " + error.getMessage());
                }
                unacked.release();
            });
        }
    }

    /** The root contact that already owns the address, if any. */
    private CompletableFuture<Optional<String>> existingContact(String email) {
        return contacts.contactIdFor(ImportColumns.EMAIL, email)
                .thenCompose(id -> id.isEmpty()
                        ? CompletableFuture.completedFuture(Optional.<String>empty())
                        : contacts.resolve(id.get()).thenApply(res -> Optional.of(res.root())))
                .toCompletableFuture();
    }

    private CompletableFuture<Void> publish(ImportJob job, ImportRow row, String existingContact) {
        String device = existingContact == null ? AddressDevices.of(row.email()) : null;
        String contact = existingContact != null ? existingContact : IdentityIds.anon(device);
        TrackingEvent event = fields.admit(TrackingEvent.newBuilder()
                .setEventId(id(job, row, "event"))
                .setEventTime(Instant.now())
                .setDeviceId(device)
                .setContactId(existingContact)
                .setSource(Source.IMPORT)
                .setContext(EventContext.newBuilder().setUserAgent("leadstream-import/" + job.id()).setTrackable(true).build())
                .setFields(row.fields())
                .setPayload(Identification.newBuilder().setVia("import").build())
                .build(), FieldAdmission.Caller.TRUSTED);
        CompletableFuture<?> sent = AckedProducers.acked(producer, new ProducerRecord<>(topics.rawEvents(), EventPublisher.key(event), events.encode(event)));
        if (job.segment() == null) {
            return sent.thenApply(meta -> null);
        }
        SegmentCommand command = SegmentCommand.newBuilder().setCommandId(id(job, row, "segment")).setContactId(contact)
                .setSegmentId(job.segment()).setAction(SegmentCommandAction.ADD).setRequestedAt(Instant.now())
                .setSource("import:" + job.id()).build();
        return CompletableFuture.allOf(sent, AckedProducers.acked(producer, new ProducerRecord<>(topics.segmentCommands(), contact, commands.encode(command))));
    }


    private static String id(ImportJob job, ImportRow row, String what) {
        return UUID.nameUUIDFromBytes((job.id() + "/" + row.line() + "/" + what).getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Every rejected row: counted and shown on the job, and written whole to the errors file. */
    private static final class Rejections implements AutoCloseable {
        private final ImportJob job;
        private final CSVPrinter out;

        Rejections(ImportJob job, Path file) throws IOException {
            this.job = job;
            this.out = CSVFormat.RFC4180.builder().setHeader("line", "reason").get().print(file, StandardCharsets.UTF_8);
        }

        synchronized void add(long line, String reason) {
            job.rejectedRow(line, reason);
            try {
                out.printRecord(line, reason);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            out.close(true);
        }
    }

    private static final class ContactLookupFailed extends RuntimeException {
        final long line;

        ContactLookupFailed(long line, Throwable cause) {
            super(cause.getCause() != null ? cause.getCause().getMessage() : cause.getMessage(), cause);
            this.line = line;
        }
    }
}
