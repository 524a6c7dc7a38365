package io.leadstream.gateway;

import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Focus items (definition kind {@code focus}) on the customer's site. {@code GET /focus/{id}.js}:
 * the item's runtime with its definition (an unpublished item's script shows nothing).
 * {@code POST /focus/{id}/view} and {@code /focus/{id}/conversion}: the runtime's beacons, each a
 * custom event of the visitor's contact ({@value #VIEW}, {@value #CONVERSION}, properties
 * {@code focus} and {@code page_url}) on raw-events before the answer, then counted in
 * {@code hit_counters}. {@code GET /api/v1/focus/{id}/stats}: those counts.
 */
final class FocusHandler {
    static final String KIND = "focus";
    static final String VIEW = "focus_view";
    static final String CONVERSION = "focus_conversion";
    private static final String RUNTIME = ClasspathResource.focusRuntime();

    private final DefinitionsCache definitions;
    private final Supplier<String> baseUrl;
    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final GatewayMetrics metrics;
    private final HitCounters counters;

    /** {@code counters}: where views and conversions are counted. */
    FocusHandler(DefinitionsCache definitions, Supplier<String> baseUrl, EventPublisher publisher, TrackingEvents events, GatewayMetrics metrics,
                 HitCounters counters) {
        this.definitions = definitions;
        this.baseUrl = baseUrl;
        this.publisher = publisher;
        this.events = events;
        this.metrics = metrics;
        this.counters = counters;
    }

    void script(RoutingContext ctx) {
        Optional<JsonObject> item = item(ctx);
        if (item.isEmpty()) {
            return;
        }
        ctx.response().putHeader("Content-Type", "application/javascript; charset=utf-8").putHeader("Cache-Control", "public, max-age=60");
        if (!item.get().getBoolean("published", true)) {
            ctx.response().end("/* focus item " + item.get().getString("id") + " is not published */\n");
            return;
        }
        // JSON is JavaScript; "<" escaped so that nothing in it can end an inline copy of the script early.
        String call = "(" + item.get().encode().replace("<", "\\u003c") + ", " + io.vertx.core.json.Json.encode(baseUrl.get()).replace("<", "\\u003c")
                + ", window, document);\n";
        ctx.response().end(RUNTIME + call);
    }

    void beacon(RoutingContext ctx) {
        Optional<JsonObject> item = item(ctx);
        if (item.isEmpty()) {
            return;
        }
        String kind = ctx.pathParam("kind");
        String name = "view".equals(kind) ? VIEW : "conversion".equals(kind) ? CONVERSION : null;
        if (name == null) {
            Responses.error(ctx, 404, "a focus item's beacon is view or conversion");
            return;
        }
        MultiMap raw = PageHitHandler.bodyParams(ctx);
        if (raw == null) {
            return;
        }
        TrackerParameters params = new TrackerParameters(raw);
        Map<String, String> properties = new LinkedHashMap<>();
        String id = item.get().getString("id");
        properties.put("focus", id);
        String page = params.get("page_url");
        if (page != null && !page.isBlank()) {
            properties.put("page_url", page);
        }
        String deviceId = events.devices().resolve(ctx.request(), ctx.response(), params.get(DeviceIds.COOKIE));
        TrackingEvent event = events.envelope(ctx.request(), params, Source.TRACKER).setDeviceId(deviceId)
                .setPayload(CustomEvent.newBuilder().setName(name).setProperties(properties).build()).build();
        AckedReply.send(publisher, metrics, ctx, event, name, () -> {
            counters.count(KIND, id, kind);
            ctx.response().putHeader("Content-Type", "application/json").end(PageHitHandler.visitor(deviceId).put("success", 1).encode());
        });
    }

    /** {@code GET /api/v1/focus/{id}/stats}: {@code {focus, views, conversions, conversionRate}}. */
    void stats(RoutingContext ctx) {
        Optional<JsonObject> item = item(ctx);
        if (item.isEmpty()) {
            return;
        }
        if (!counters.enabled()) {
            Responses.error(ctx, 404, "focus stats need the contacts store (gateway.contacts-api)");
            return;
        }
        String id = item.get().getString("id");
        counters.read(KIND, id).onFailure(e -> Responses.unavailable(ctx, e)).onSuccess(counts -> {
            long views = counts.getOrDefault("view", 0L);
            long conversions = counts.getOrDefault("conversion", 0L);
            Responses.json(ctx, new JsonObject().put("focus", id).put("views", views).put("conversions", conversions)
                    .put("conversionRate", Rates.of(conversions, views)));
        });
    }

    /** The item the path names; else 404 answered and empty. */
    private Optional<JsonObject> item(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<JsonObject> item = definitions.get(KIND, id);
        if (item.isEmpty()) {
            Responses.error(ctx, 404, "no focus item " + (id == null ? "" : id.substring(0, Math.min(64, id.length()))));
        }
        return item;
    }
}
