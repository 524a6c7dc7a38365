package io.leadstream.gateway.definitions;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.definitions.Problem;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.gateway.JsonBodies;
import io.leadstream.gateway.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.leadstream.definitions.StandardFields;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code PUT|GET|DELETE /api/v1/{kind}/{id}}: definitions as JSON documents, checked ({@link
 * CheckedDefinitions}: 422 with every problem, nothing stored), written to the compacted definitions
 * topic (acks=all) and answered once Kafka has them. A definition others still name is not deleted (409).
 */
public final class DefinitionsApi implements AutoCloseable {
    /** Answered on PUT and DELETE: the definition's offset in the definitions topic. */
    public static final String REVISION_HEADER = "LeadStream-Revision";
    private final CheckedDefinitions checks;
    private final DefinitionsCache cache;
    private final KafkaProducer<String, String> producer;
    private final String topic;
    private final Vertx vertx;

    public DefinitionsApi(Vertx vertx, LeadStreamConfig config, CheckedDefinitions checks) {
        this.vertx = vertx;
        this.checks = checks;
        this.cache = checks.cache();
        this.topic = TopicNames.from(config).definitions();
        this.producer = AckedProducers.create(config, "leadstream-gateway-definitions", new StringSerializer());
    }

    public java.util.Set<String> kinds() {
        return checks.kinds();
    }

    public void get(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        String id = ctx.pathParam("id");
        if (!checkKindAndId(ctx, kind, id)) {
            return;
        }
        Optional<JsonObject> doc = cache.get(kind, id);
        if (doc.isEmpty() && kind.equals(StandardFields.KIND) && StandardFields.isStandard(id)) {
            doc = Optional.of(new JsonObject(StandardFields.all().get(id).toString()));
        }
        doc.ifPresentOrElse(d -> json(ctx, told(kind, d)), () -> error(ctx, 404, "no " + kind + " with id " + id));
    }

    /** {@code GET /api/v1/{kind}}: every definition of the kind by id, the standard contact fields included for fields. */
    public void list(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        if (!checks.kinds().contains(kind)) {
            error(ctx, 404, "unknown definition kind; known: " + new java.util.TreeSet<>(checks.kinds()));
            return;
        }
        java.util.SortedMap<String, JsonObject> all = new java.util.TreeMap<>();
        if (kind.equals(StandardFields.KIND)) {
            StandardFields.all().forEach((id, d) -> all.put(id, new JsonObject(d.toString())));
        }
        all.putAll(cache.all(kind));
        io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
        all.values().forEach(d -> out.add(told(kind, d)));
        json(ctx, new JsonObject().put("total", all.size()).put(kind, out));
    }

    /** A field as it behaves: unique exactly when the engine's identity takes it as an identifier. */
    private JsonObject told(String kind, JsonObject doc) {
        return kind.equals(StandardFields.KIND) ? doc.copy().put("unique", checks.identifierFields().contains(doc.getString("id"))) : doc;
    }

    public void put(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        String id = ctx.pathParam("id");
        if (!checkKindAndId(ctx, kind, id)) {
            return;
        }
        JsonObject doc;
        try {
            doc = JsonBodies.object(ctx.body().buffer()).put("id", id);
        } catch (JsonBodies.Refused e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        List<Problem> problems = checks.problems(kind, id, doc);
        if (!problems.isEmpty()) {
            Responses.unprocessable(ctx, "invalid " + kind + " definition: nothing was stored", problems);
            return;
        }
        boolean existed = cache.get(kind, id).isPresent();
        JsonObject stored = doc;
        write(ctx, kind, id, stored, () -> {
            ctx.response().setStatusCode(existed ? 200 : 201);
            json(ctx, stored);
        });
    }

    public void delete(RoutingContext ctx) {
        String kind = ctx.pathParam("kind");
        String id = ctx.pathParam("id");
        if (!checkKindAndId(ctx, kind, id)) {
            return;
        }
        if (cache.get(kind, id).isEmpty()) {
            error(ctx, 404, "no " + kind + " with id " + id);
            return;
        }
        List<String> referrers = checks.referrers(kind, id);
        if (!referrers.isEmpty()) {
            Responses.conflict(ctx, kind + "/" + id + " is still named by other definitions: change or delete them first", referrers);
            return;
        }
        write(ctx, kind, id, null, () -> ctx.response().setStatusCode(204).end());
    }

    /**
     * Stores a definition as {@code PUT /api/v1/{kind}/{id}} does, checked first: completes with the
     * problems that refused it (nothing stored), or none once Kafka has it. For the Mautic API's creations.
     */
    public io.vertx.core.Future<List<Problem>> store(String kind, String id, JsonObject document) {
        JsonObject doc = document.copy().put("id", id);
        List<Problem> problems = checks.problems(kind, id, doc);
        if (!problems.isEmpty()) {
            return io.vertx.core.Future.succeededFuture(problems);
        }
        return io.vertx.core.Future.fromCompletionStage(AckedProducers.acked(producer, new ProducerRecord<>(topic, DefinitionsCache.key(kind, id),
                doc.encode()))).map(meta -> {
                    cache.applied(kind, id, doc);
                    return List.<Problem>of();
                });
    }

    /**
     * Writes a record the gateway keeps itself in the definitions topic (a kind users do not edit, such as a
     * segment email's send, {@code SegmentSends.KIND}): same key, same acked producer, unchecked. Completes once
     * Kafka has it and this node's cache shows it. The user-editable kinds go through {@link #store} and its checks.
     */
    public io.vertx.core.Future<Void> record(String kind, String id, JsonObject document) {
        if (checks.kinds().contains(kind)) {
            return io.vertx.core.Future.failedFuture(new IllegalArgumentException(kind + " is a checked kind: store it, do not record it"));
        }
        JsonObject doc = document.copy(); // the cache keeps this one: the caller's stays the caller's
        return io.vertx.core.Future.fromCompletionStage(AckedProducers.acked(producer, new ProducerRecord<>(topic, DefinitionsCache.key(kind, id),
                doc.encode()))).map(meta -> {
                    cache.applied(kind, id, doc);
                    return null;
                });
    }

    private void write(RoutingContext ctx, String kind, String id, JsonObject doc, Runnable reply) {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, DefinitionsCache.key(kind, id), doc == null ? null : doc.encode());
        AckedProducers.send(ctx, producer, record, "definition", meta -> {
            cache.applied(kind, id, doc);
            // The offset is the revision the engine reports back (e.g. a segment's backfill).
            ctx.response().putHeader(REVISION_HEADER, Long.toString(meta.offset()));
            reply.run();
        });
    }

    private boolean checkKindAndId(RoutingContext ctx, String kind, String id) {
        if (!checks.kinds().contains(kind)) {
            error(ctx, 404, "unknown definition kind; known: " + new java.util.TreeSet<>(checks.kinds()));
            return false;
        }
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            error(ctx, 400, "id: letters, digits, - and _ (max 64)");
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
