package io.leadstream.gateway.imports;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.gateway.FieldAdmission;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.UploadReceiver;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * {@code POST /api/v1/imports?segment=ID&map=Header:field} takes a CSV file (streamed to disk,
 * never held in memory), checks its header at once (400 with every problem), answers 202 with the
 * job, and imports the rows on an import thread. {@code GET /api/v1/imports/{id}} shows progress;
 * {@code GET /api/v1/imports/{id}/errors} is every rejected row as CSV (line, reason). Jobs live in
 * this gateway's memory: after a restart, upload the file again (row ids repeat, so nothing doubles).
 */
public final class ImportsApi implements AutoCloseable {
    private final FieldAdmission fields;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Vertx vertx;
    private final ContactStore contacts;
    private final DefinitionsCache definitions;
    private final Path dir;
    private final long maxBytes;
    private final KafkaProducer<String, byte[]> producer;
    private final ContactImporter importer;
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "leadstream-import");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();

    /** {@code contacts} null: the contacts API is off, and imports with it (404). */
    public ImportsApi(Vertx vertx, LeadStreamConfig config, ContactStore contacts, DefinitionsCache definitions, FieldAdmission fields) {
        this.fields = fields;
        this.vertx = vertx;
        this.contacts = contacts;
        this.definitions = definitions;
        String configured = config.get(GatewayOptions.IMPORT_DIR);
        this.dir = configured.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "leadstream-imports") : Path.of(configured);
        this.maxBytes = config.get(GatewayOptions.IMPORT_MAX_BYTES);
        this.producer = contacts == null ? null : AckedProducers.create(config, "leadstream-gateway-imports", new ByteArraySerializer());
        this.importer = contacts == null ? null
                : new ContactImporter(contacts, producer, TopicNames.from(config), config.get(GatewayOptions.MAX_FIELD_LENGTH), fields);
    }

    /** Registers the routes; call before the generic /api/v1/:kind/:id routes. */
    public void mount(Router router) {
        router.post("/api/v1/imports").handler(this::upload);
        router.get("/api/v1/imports").handler(this::list);
        router.get("/api/v1/imports/:id").handler(this::get);
        router.get("/api/v1/imports/:id/errors").handler(this::errors);
    }

    void upload(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        request.pause();
        if (contacts == null) {
            error(ctx, 404, "imports are disabled with the contacts API (gateway.contacts-api=false)");
            return;
        }
        String segment = ctx.queryParams().get("segment");
        if (segment != null && (!ID.matcher(segment).matches() || definitions.get("segments", segment).isEmpty())) {
            error(ctx, 404, "no segment " + segment);
            return;
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (String m : ctx.queryParams().getAll("map")) {
            int colon = m.lastIndexOf(':');
            if (colon <= 0) {
                Responses.badRequest(ctx, "map: Header:field (or Header:- to drop a column), got " + m, List.of());
                return;
            }
            overrides.put(m.substring(0, colon).strip(), m.substring(colon + 1).strip());
        }
        String id = UUID.randomUUID().toString();
        Path file = dir.resolve(id + ".csv");
        UploadReceiver.toFile(ctx, vertx, file, maxBytes, "gateway.import-max-bytes", () -> started(ctx, id, segment, file, overrides));
    }

    private void started(RoutingContext ctx, String id, String segment, Path file, Map<String, String> overrides) {
        vertx.<ImportColumns>executeBlocking(() -> ImportColumns.of(ContactImporter.header(file), overrides, fields.known()), false)
                .onFailure(e -> {
                    delete(file);
                    List<String> problems = e instanceof ImportColumns.InvalidImport invalid ? invalid.problems() : List.of(String.valueOf(e.getMessage()));
                    Responses.badRequest(ctx, "the CSV header cannot be imported", problems);
                })
                .onSuccess(columns -> {
                    long bytes = file.toFile().length();
                    ImportJob job = new ImportJob(id, segment, ctx.queryParams().get("name"), bytes,
                            new JsonObject(new LinkedHashMap<>(columns.summary())));
                    jobs.put(id, job);
                    threads.execute(() -> {
                        importer.run(job, file, columns, errorsFile(id));
                        delete(file); // the rows are in Kafka or in the errors file
                    });
                    ctx.response().setStatusCode(202).putHeader("Location", "/api/v1/imports/" + id);
                    json(ctx, job.toJson());
                });
    }

    void list(RoutingContext ctx) {
        JsonArray all = new JsonArray();
        jobs.values().stream().map(ImportJob::toJson)
                .sorted(Comparator.comparing((JsonObject j) -> j.getString("startedAt")).reversed())
                .forEach(j -> all.add(j.copy().put("errors", null)));
        json(ctx, new JsonObject().put("imports", all));
    }

    void get(RoutingContext ctx) {
        ImportJob job = jobs.get(ctx.pathParam("id"));
        if (job == null) {
            error(ctx, 404, "no import " + ctx.pathParam("id"));
            return;
        }
        json(ctx, job.toJson());
    }

    void errors(RoutingContext ctx) {
        ImportJob job = jobs.get(ctx.pathParam("id"));
        if (job == null) {
            error(ctx, 404, "no import " + ctx.pathParam("id"));
            return;
        }
        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").sendFile(errorsFile(job.id()).toString());
    }

    private Path errorsFile(String id) {
        return dir.resolve(id + ".errors.csv");
    }

    private static void delete(Path file) {
        UploadReceiver.delete(file);
    }

    @Override
    public void close() {
        threads.shutdownNow();
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
