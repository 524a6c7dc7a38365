package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.definitions.Problem;
import io.leadstream.gateway.FieldAdmission;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.ContactStore.Profile;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Future;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * What a contact page shows and changes beyond the profile, under /api/v1:
 * <ul>
 *   <li>{@code PATCH /api/v1/contacts/{id}} with {@code {"fields": {...}}}: field values by hand, each
 *       checked against its field's type first (422 names every refused one);</li>
 *   <li>{@code GET /api/v1/contacts/{id}/dnc}, {@code PUT} and {@code DELETE .../dnc/email}: do-not-contact;</li>
 *   <li>{@code GET /api/v1/contacts/{id}/segments}: the segments it is in (added and removed by hand
 *       through {@code /api/v1/segments/{id}/contacts/{contact}/add|remove});</li>
 *   <li>{@code GET /api/v1/contacts/{id}/campaigns}: each campaign it met, whether it is in it now, and
 *       the latest step it reached.</li>
 * </ul>
 * Changes go to the engine as events of the contact's root (202 once Kafka has them), as tags do.
 */
public final class ContactDetailsApi {
    /** The channels LeadStream delivers on. */
    private static final List<String> CHANNELS = List.of("email");
    private static final int MAX_FIELDS = 200;

    private final ContactStore store;
    private final ContactActions actions;
    private final FieldAdmission fields;

    public ContactDetailsApi(ContactStore store, ContactActions actions, FieldAdmission fields) {
        this.store = store;
        this.actions = actions;
        this.fields = fields;
    }

    /** Registers the routes (before the generic /api/v1/:kind/:id ones); the PATCH route needs a JSON body handler first. */
    public void mount(Router router) {
        router.patch("/api/v1/contacts/:id").handler(this::editFields);
        router.get("/api/v1/contacts/:id/dnc").handler(this::doNotContact);
        router.put("/api/v1/contacts/:id/dnc/:channel").handler(ctx -> setDoNotContact(ctx, true));
        router.delete("/api/v1/contacts/:id/dnc/:channel").handler(ctx -> setDoNotContact(ctx, false));
        router.get("/api/v1/contacts/:id/segments").handler(this::segments);
        router.get("/api/v1/contacts/:id/campaigns").handler(this::campaigns);
    }

    void editFields(RoutingContext ctx) {
        JsonObject given;
        try {
            JsonObject body = ctx.body().asJsonObject();
            given = body == null ? null : body.getJsonObject("fields");
        } catch (DecodeException | ClassCastException e) {
            given = null;
        }
        if (given == null || given.isEmpty() || given.size() > MAX_FIELDS) {
            error(ctx, 400, "expected {\"fields\": {\"alias\": value, ...}} with 1 to " + MAX_FIELDS + " fields");
            return;
        }
        Map<String, String> values = new TreeMap<>();
        given.forEach(e -> values.put(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue())));
        List<Problem> problems = new ArrayList<>();
        fields.refusals(values, FieldAdmission.Caller.TRUSTED).forEach((alias, reason) -> problems.add(new Problem("/fields/" + alias, reason)));
        if (!problems.isEmpty()) {
            Responses.unprocessable(ctx, "field values refused", problems);
            return;
        }
        withContact(ctx, (c, contact) -> sent(c, contact, actions.fields(contact.id(), values), "fields",
                e -> new JsonObject().put("fields", new JsonObject(new LinkedHashMap<>(e.getFields())))));
    }

    void doNotContact(RoutingContext ctx) {
        withContact(ctx, (c, contact) -> reply(c, store.doNotContact(contact.id()),
                rows -> {
                    JsonObject channels = new JsonObject();
                    CHANNELS.forEach(ch -> channels.put(ch, new JsonObject().put("dnc", false)));
                    rows.forEach(r -> channels.put(r.getString("channel"), new JsonObject()
                            .put("dnc", !r.isNull("dnc") && r.getBoolean("dnc")).put("reason", r.getString("reason"))));
                    json(c, new JsonObject().put("contact", contact.id()).put("channels", channels));
                }));
    }

    void setDoNotContact(RoutingContext ctx, boolean dnc) {
        String channel = ctx.pathParam("channel");
        if (!CHANNELS.contains(channel)) {
            error(ctx, 404, "no channel " + channel + "; known: " + String.join(", ", CHANNELS));
            return;
        }
        withContact(ctx, (c, contact) -> sent(c, contact, actions.doNotContact(contact.id(), dnc), "do-not-contact",
                e -> new JsonObject().put("channel", channel).put("dnc", dnc)));
    }

    void segments(RoutingContext ctx) {
        withContact(ctx, (c, contact) -> reply(c, store.segmentsOf(contact.id()),
                segments -> json(c, new JsonObject().put("contact", contact.id()).put("segments", new JsonArray(segments)))));
    }

    /** Rows come per campaign newest first: the first without an event id is the latest entry or exit, the first with one the latest step. */
    void campaigns(RoutingContext ctx) {
        withContact(ctx, (c, contact) -> reply(c, store.campaignLog(contact.id()), rows -> {
                    Map<String, JsonObject> campaigns = new LinkedHashMap<>();
                    for (Row r : rows) {
                        JsonObject campaign = campaigns.computeIfAbsent(r.getString("campaign_id"),
                                id -> new JsonObject().put("campaign", id).put("in", false));
                        boolean membership = r.getString("event_id").isEmpty();
                        if (membership && !campaign.containsKey("since")) {
                            campaign.put("in", "ENTERED".equals(r.getString("outcome"))).put("since", iso(r.getInstant("at")));
                        } else if (!membership && !campaign.containsKey("lastEvent")) {
                            campaign.put("lastEvent", new JsonObject().put("event", r.getString("event_id")).put("outcome", r.getString("outcome"))
                                    .put("at", iso(r.getInstant("at"))).put("scheduledFor", iso(r.getInstant("scheduled_for"))));
                        }
                    }
                    json(c, new JsonObject().put("contact", contact.id()).put("campaigns", new JsonArray(new ArrayList<>(campaigns.values()))));
                }));
    }

    private void sent(RoutingContext ctx, Profile contact, Future<TrackingEvent> published, String what,
                      java.util.function.Function<TrackingEvent, JsonObject> answer) {
        published.onComplete(ar -> {
            if (ar.failed()) {
                Responses.notStored(ctx, what, ar.cause());
                return;
            }
            ctx.response().setStatusCode(202);
            json(ctx, answer.apply(ar.result()).put("contact", contact.id()).put("requested", contact.requested())
                    .put("eventId", ar.result().getEventId()));
        });
    }

    /** The path's contact (its root), or 400 / 404 / 503 answered. */
    private void withContact(RoutingContext ctx, BiConsumer<RoutingContext, Profile> then) {
        ApiReplies.withContact(ctx, store, "contact id", ctx.pathParam("id"), p -> then.accept(ctx, p));
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
