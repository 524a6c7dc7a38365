package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.intParam;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.EventPublisher;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.leadstream.gateway.contacts.ContactStore.TimelineEvent;
import io.leadstream.gateway.contacts.ContactStore.TimelinePage;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Pattern;

/**
 * Contacts API over {@link ContactStore}, mounted under the bearer-protected /api/v1:
 * <ul>
 *   <li>{@code GET /api/v1/contacts/{id}}: the merged profile of the id's root, with its points and tags;</li>
 *   <li>{@code GET /api/v1/contacts?email=x} (or {@code ?field=f&value=x}): the same, found by identifier;</li>
 *   <li>{@code GET /api/v1/contacts/{id}/timeline?page=N&size=M}: the merged timeline, newest first;</li>
 *   <li>{@code GET /api/v1/contacts/{id}/export} and {@code DELETE /api/v1/contacts/{id}}: GDPR access and erasure;</li>
 *   <li>{@code POST /api/v1/contacts/{id}/tags}: tags by hand, 202 once Kafka has the root's tags event.</li>
 * </ul>
 * Handlers never block: the store's stages are brought back to the request's context with
 * {@link Future#fromCompletionStage(CompletionStage, io.vertx.core.Context)}. 503 + Retry-After while
 * Cassandra is unavailable; 404 when nothing is known about the contact.
 */
public final class ContactsApi implements AutoCloseable {
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final int MAX_VALUE_LENGTH = 1024;
    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 100;

    private final ContactStore store;
    private final ContactExport exports;
    private final ContactErasure erasures;
    private final EventPublisher publisher;

    /** {@code store} null: the API is switched off (gateway.contacts-api=false) and answers 404. */
    public ContactsApi(Vertx vertx, LeadStreamConfig config, ContactStore store, EventPublisher publisher) {
        this.store = store;
        this.publisher = publisher;
        this.exports = store == null ? null : new ContactExport(store);
        this.erasures = store == null ? null : new ContactErasure(vertx, config, store, exports, config.get(GatewayOptions.ERASE_REPEAT_AFTER));
    }

    /** Registers the routes; call before the generic /api/v1/:kind/:id routes so these win. The tags route needs a body handler first. */
    public void mount(Router router) {
        router.get("/api/v1/contacts").handler(this::lookup);
        router.get("/api/v1/contacts/:id/timeline").handler(this::timeline);
        router.get("/api/v1/contacts/:id/export").handler(this::export);
        router.get("/api/v1/contacts/:id").handler(this::get);
        router.delete("/api/v1/contacts/:id").handler(this::erase);
        router.post("/api/v1/contacts/:id/tags").handler(this::tags);
    }

    void get(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        reply(ctx, store.profile(id), found -> found.ifPresentOrElse(
                p -> json(ctx, profileJson(p)),
                () -> error(ctx, 404, "no contact " + id)));
    }

    /** GDPR access: everything stored about the contact, as one JSON document to download. */
    void export(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        reply(ctx, exports.export(id), found -> found.ifPresentOrElse(
                doc -> {
                    ctx.response().putHeader("Content-Disposition", "attachment; filename=\"contact-" + doc.getString("contact") + ".json\"");
                    json(ctx, doc);
                },
                () -> error(ctx, 404, "no contact " + id)));
    }

    /** GDPR erasure: the person's rows, engine state and tombstones (docs/gdpr.md). 202: the engine finishes it within seconds. */
    /** A GDPR erasure of the id's contact (as {@code DELETE /api/v1/contacts/{id}}); empty when nothing is known about it. */
    public CompletionStage<Optional<JsonObject>> erase(String id) {
        return erasures.erase(id);
    }

    void erase(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        reply(ctx, erasures.erase(id), done -> done.ifPresentOrElse(
                doc -> {
                    ctx.response().setStatusCode(202);
                    json(ctx, doc);
                },
                () -> error(ctx, 404, "no contact " + id)));
    }

    /**
     * Tags added and removed by hand. The body is checked before the contact is looked up (400, then
     * 404 as for GET). The tags go to the engine as an event of the root on raw-events rather than as
     * a command: the profile holding the tags is the engine's, and an event reaches it the way every
     * change of a contact does (identity, profile, segments, campaigns) and shows in its timeline.
     */
    void tags(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        TagChanges changes;
        try {
            changes = TagChanges.parse(ctx.body().buffer());
        } catch (TagChanges.Invalid e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        reply(ctx, store.profile(id), found -> found.ifPresentOrElse(
                p -> publishTags(ctx, p, changes),
                () -> error(ctx, 404, "no contact " + id)));
    }

    private void publishTags(RoutingContext ctx, Profile contact, TagChanges changes) {
        TrackingEvent event = changes.event(contact.id());
        publisher.publish(event).onComplete(ar -> {
            if (ar.failed()) {
                Responses.notStored(ctx, "tags", ar.cause());
                return;
            }
            ctx.response().setStatusCode(202);
            json(ctx, new JsonObject().put("contact", contact.id()).put("requested", contact.requested())
                    .put("add", new JsonArray(changes.add())).put("remove", new JsonArray(changes.remove()))
                    .put("eventId", event.getEventId()));
        });
    }

    @Override
    public void close() {
        if (erasures != null) {
            erasures.close();
        }
    }

    void lookup(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        String email = ctx.queryParams().get("email");
        String field = ctx.queryParams().get("field");
        String value = ctx.queryParams().get("value");
        if (email != null && field != null) {
            error(ctx, 400, "give either email or field and value, not both");
            return;
        }
        if (email != null) {
            field = "email";
            value = email;
        } else if (field == null) {
            error(ctx, 400, "give email=... or field=...&value=...");
            return;
        }
        field = field.strip();
        if (!FIELD.matcher(field).matches()) {
            error(ctx, 400, "field: letters, digits, '.', '-' and '_' (max 64)");
            return;
        }
        if (value == null || value.isBlank() || value.length() > MAX_VALUE_LENGTH) {
            error(ctx, 400, (email != null ? "email" : "value") + " must not be empty (max " + MAX_VALUE_LENGTH + " characters)");
            return;
        }
        String shown = field + "=" + ContactStore.normalize(value);
        CompletionStage<Optional<Profile>> found = store.contactIdFor(field, value).thenCompose(contactId -> contactId.isEmpty()
                ? CompletableFuture.completedFuture(Optional.<Profile>empty())
                : store.profile(contactId.get()));
        reply(ctx, found, profile -> profile.ifPresentOrElse(
                p -> json(ctx, profileJson(p)),
                () -> error(ctx, 404, "no contact with " + shown)));
    }

    void timeline(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!enabled(ctx) || !validId(ctx, id)) {
            return;
        }
        Integer page = intParam(ctx, "page", 1);
        Integer size = intParam(ctx, "size", DEFAULT_PAGE_SIZE);
        if (page == null || page < 1) {
            error(ctx, 400, "page: an integer from 1");
            return;
        }
        if (size == null || size < 1 || size > MAX_PAGE_SIZE) {
            error(ctx, 400, "size: an integer from 1 to " + MAX_PAGE_SIZE);
            return;
        }
        if ((long) page * size > ContactStore.MAX_TIMELINE_DEPTH) {
            error(ctx, 400, "page * size must be at most " + ContactStore.MAX_TIMELINE_DEPTH);
            return;
        }
        reply(ctx, store.timeline(id, page, size), found -> found.ifPresentOrElse(
                t -> json(ctx, timelineJson(t)),
                () -> error(ctx, 404, "no contact " + id)));
    }

    // ---------------------------------------------------------------------------------------------

    static JsonObject profileJson(Profile p) {
        return new JsonObject()
                .put("id", p.id())
                .put("requested", p.requested())
                .put("aliases", new JsonArray(p.aliases()))
                .put("identified", p.identified())
                .put("identifier", p.identifier() == null ? null
                        : new JsonObject().put("field", p.identifier().field()).put("value", p.identifier().value()))
                .put("fields", new JsonObject(new LinkedHashMap<>(p.fields())))
                .put("firstSeen", iso(p.firstSeen()))
                .put("lastSeen", iso(p.lastSeen()))
                .put("timezone", p.timezone())
                .put("ip", p.ip())
                .put("points", p.pointsAndTags().points())
                .put("pointsByGroup", new JsonObject(new LinkedHashMap<>(p.pointsAndTags().pointsByGroup())))
                .put("tags", new JsonArray(p.pointsAndTags().tags()))
                .put("stage", p.pointsAndTags().stage())
                .put("companies", new JsonArray(p.pointsAndTags().companies()))
                .put("primaryCompany", p.pointsAndTags().primaryCompany());
    }

    static JsonObject timelineJson(TimelinePage t) {
        JsonArray events = new JsonArray();
        for (TimelineEvent e : t.events()) {
            events.add(new JsonObject()
                    .put("eventId", e.eventId())
                    .put("eventTime", iso(e.eventTime()))
                    .put("kind", e.kind())
                    .put("deviceId", e.deviceId())
                    .put("url", e.url())
                    .put("title", e.title())
                    .put("detail", new JsonObject(new LinkedHashMap<>(e.detail() == null ? Map.of() : e.detail()))));
        }
        return new JsonObject().put("id", t.id()).put("page", t.page()).put("size", t.size())
                .put("events", events).put("hasMore", t.hasMore());
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private boolean enabled(RoutingContext ctx) {
        if (store == null) {
            error(ctx, 404, "the contacts API is disabled (gateway.contacts-api=false)");
            return false;
        }
        return true;
    }

    private static boolean validId(RoutingContext ctx, String id) {
        if (id == null || !ApiReplies.CONTACT_ID.matcher(id).matches()) {
            error(ctx, 400, "id: 1 to 128 letters, digits, '_', '.', ':' or '-'");
            return false;
        }
        return true;
    }
}
