package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.intParam;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.common.config.TopicNames;
import io.leadstream.gateway.AckedProducers;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.schemas.codec.AvroCodec;
import io.leadstream.schemas.engine.SegmentCommand;
import io.leadstream.schemas.engine.SegmentCommandAction;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Segments beyond their definitions, under the bearer-protected /api/v1:
 * <ul>
 *   <li>{@code POST /api/v1/segments/{id}/contacts/{contactId}/add|remove|reset}: membership by
 *       hand (Mautic's add to / remove from segment), which overrides the filters until reset.
 *       The contact id is resolved to its current contact first. 202 once Kafka has the command;
 *       the engine applies it in milliseconds.</li>
 *   <li>{@code GET /api/v1/segments/{id}/contacts?after=ID&limit=N}: members, paged by contact id.</li>
 *   <li>{@code GET /api/v1/segments/{id}/backfill}: the latest backfill's progress per engine subtask.</li>
 * </ul>
 */
public final class SegmentsApi implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Map<String, SegmentCommandAction> ACTIONS =
            Map.of("add", SegmentCommandAction.ADD, "remove", SegmentCommandAction.REMOVE, "reset", SegmentCommandAction.RESET);
    static final int MAX_PAGE_SIZE = 1000;

    private final ContactStore contacts;
    private final SegmentStore segments;
    private final DefinitionsCache definitions;
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AvroCodec<SegmentCommand> codec = AvroCodec.of(SegmentCommand.class);

    /** {@code contacts} null: the contacts API is off, and so is this one (404). */
    public SegmentsApi(LeadStreamConfig config, ContactStore contacts, DefinitionsCache definitions) {
        this.contacts = contacts;
        this.segments = contacts == null ? null : new SegmentStore(contacts);
        this.definitions = definitions;
        this.producer = contacts == null ? null : AckedProducers.create(config, "leadstream-gateway-segment-commands", new ByteArraySerializer());
        this.topic = TopicNames.from(config).segmentCommands();
    }

    /** Registers the routes; call before the generic /api/v1/:kind/:id routes. */
    public void mount(Router router) {
        router.post("/api/v1/segments/:id/contacts/:contact/:action").handler(this::command);
        router.get("/api/v1/segments/:id/contacts").handler(this::members);
        router.get("/api/v1/segments/:id/backfill").handler(this::backfill);
    }

    void command(RoutingContext ctx) {
        SegmentCommandAction action = ACTIONS.get(ctx.pathParam("action").toLowerCase(Locale.ROOT));
        String contact = ctx.pathParam("contact");
        if (action == null) {
            error(ctx, 404, "unknown action; known: add, remove, reset");
            return;
        }
        if (!defined(ctx)) {
            return;
        }
        if (contact == null || !ApiReplies.CONTACT_ID.matcher(contact).matches()) {
            error(ctx, 400, "contact id: 1 to 128 letters, digits, '_', '.', ':' or '-'");
            return;
        }
        String segment = ctx.pathParam("id");
        reply(ctx, contacts.profile(contact), found -> found.ifPresentOrElse(
                profile -> send(ctx, segment, profile.id(), action),
                () -> error(ctx, 404, "no contact " + contact)));
    }

    private void send(RoutingContext ctx, String segment, String contact, SegmentCommandAction action) {
        SegmentCommand command = SegmentCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setContactId(contact)
                .setSegmentId(segment).setAction(action).setRequestedAt(Instant.now()).setSource("api").build();
        AckedProducers.send(ctx, producer, new ProducerRecord<>(topic, contact, codec.encode(command)), "command", meta -> {
            ctx.response().setStatusCode(202);
            json(ctx, new JsonObject().put("commandId", command.getCommandId()).put("segment", segment)
                    .put("contact", contact).put("action", action.name().toLowerCase(Locale.ROOT)));
        });
    }

    void members(RoutingContext ctx) {
        if (!defined(ctx)) {
            return;
        }
        String after = ctx.queryParams().get("after");
        Integer limit = intParam(ctx, "limit", 100);
        if (limit == null || limit < 1 || limit > MAX_PAGE_SIZE) {
            error(ctx, 400, "limit: an integer from 1 to " + MAX_PAGE_SIZE);
            return;
        }
        if (after != null && !ApiReplies.CONTACT_ID.matcher(after).matches()) {
            error(ctx, 400, "after: a contact id");
            return;
        }
        String segment = ctx.pathParam("id");
        reply(ctx, segments.members(segment, after == null ? "" : after, limit), ids -> json(ctx, new JsonObject()
                .put("segment", segment)
                .put("contacts", new JsonArray(ids))
                .put("next", ids.size() == limit ? ids.get(ids.size() - 1) : null)));
    }

    void backfill(RoutingContext ctx) {
        if (!defined(ctx)) {
            return;
        }
        String segment = ctx.pathParam("id");
        reply(ctx, segments.backfills(segment), reports -> {
            BackfillStatus status = BackfillStatus.of(segment, reports);
            if (status == null) {
                error(ctx, 404, "no backfill of segment " + segment + " reported yet");
            } else {
                json(ctx, status.toJson());
            }
        });
    }

    /** The API is on and the path's segment is defined; answers the error otherwise. */
    private boolean defined(RoutingContext ctx) {
        String segment = ctx.pathParam("id");
        if (contacts == null) {
            error(ctx, 404, "the segments API is disabled with the contacts API (gateway.contacts-api=false)");
            return false;
        }
        if (segment == null || !ID.matcher(segment).matches()) {
            error(ctx, 400, "segment id: letters, digits, - and _ (max 64)");
            return false;
        }
        if (definitions.get("segments", segment).isEmpty()) {
            error(ctx, 404, "no segment " + segment);
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(java.time.Duration.ofSeconds(5));
        }
    }
}
