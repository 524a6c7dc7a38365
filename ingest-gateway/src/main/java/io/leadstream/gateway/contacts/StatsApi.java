package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Counts for the CLI and the dashboard: {@code GET /api/v1/stats/emails} (per email, with rates),
 * {@code /stats/segments} (members per defined segment) and {@code /stats/campaigns/{id}} (outcomes
 * per step, email counts per send step).
 */
public final class StatsApi {
    private static final String[] COUNTS = {"sent", "delivered", "opens", "unique_opens", "clicks", "unique_clicks", "bounced", "unsubscribed", "failed"};

    private final StatsStore stats;
    private final DefinitionsCache definitions;

    /** {@code contacts} null: the contacts API is off, and stats with it (404). */
    public StatsApi(ContactStore contacts, DefinitionsCache definitions) {
        this.stats = contacts == null ? null : new StatsStore(contacts);
        this.definitions = definitions;
    }

    public void mount(Router router) {
        router.get("/api/v1/stats/emails").handler(this::emails);
        router.get("/api/v1/stats/segments").handler(this::segments);
        router.get("/api/v1/stats/campaigns/:id").handler(this::campaign);
    }

    void emails(RoutingContext ctx) {
        if (enabled(ctx)) {
            reply(ctx, stats.emails(), rows -> {
                JsonArray emails = new JsonArray();
                rows.stream().map(r -> emailCounts(r).put("email", r.getString("email_id")))
                        .sorted((a, b) -> a.getString("email").compareTo(b.getString("email"))).forEach(emails::add);
                json(ctx, new JsonObject().put("emails", emails));
            });
        }
    }

    void segments(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        Map<String, JsonObject> defined = definitions.all("segments");
        List<String> ids = List.copyOf(defined.keySet());
        List<CompletionStage<Long>> sizes = new ArrayList<>();
        ids.forEach(id -> sizes.add(stats.segmentSize(id)));
        reply(ctx, AsyncRows.all(sizes), counts -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < ids.size(); i++) {
                out.add(new JsonObject().put("segment", ids.get(i)).put("name", defined.get(ids.get(i)).getString("name"))
                        .put("members", counts.get(i)));
            }
            json(ctx, new JsonObject().put("segments", out));
        });
    }

    void campaign(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        if (definitions.get("campaigns", id).isEmpty()) {
            error(ctx, 404, "no campaign " + id);
            return;
        }
        reply(ctx, stats.campaignEvents(id).thenCombine(stats.campaignEmails(id), List::of), both -> {
            Map<String, JsonObject> outcomes = new TreeMap<>();
            for (Row r : both.get(0)) {
                outcomes.computeIfAbsent(r.getString("event_id"), e -> new JsonObject()).put(r.getString("outcome"), r.getLong("count"));
            }
            JsonArray emails = new JsonArray();
            for (Row r : both.get(1)) {
                emails.add(emailCounts(r).put("event", r.getString("event_id")).put("email", r.getString("email_id")));
            }
            json(ctx, new JsonObject().put("campaign", id).put("events", new JsonObject(new java.util.LinkedHashMap<>(outcomes)))
                    .put("emails", emails));
        });
    }

    /** The counters of an email_stats-shaped row, camelCased, with the rates a marketer reads. */
    private static JsonObject emailCounts(Row r) {
        JsonObject o = new JsonObject();
        for (String c : COUNTS) {
            o.put(camel(c), r.isNull(c) ? 0L : r.getLong(c));
        }
        long sent = o.getLong("sent");
        long delivered = o.getLong("delivered");
        return o.put("openRate", rate(o.getLong("uniqueOpens"), delivered))
                .put("clickRate", rate(o.getLong("uniqueClicks"), delivered))
                .put("bounceRate", rate(o.getLong("bounced"), sent))
                .put("unsubscribeRate", rate(o.getLong("unsubscribed"), delivered));
    }

    private static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : Math.round(10_000.0 * part / whole) / 10_000.0;
    }

    private static String camel(String snake) {
        int u = snake.indexOf('_');
        return u < 0 ? snake : snake.substring(0, u) + Character.toUpperCase(snake.charAt(u + 1)) + snake.substring(u + 2);
    }

    private boolean enabled(RoutingContext ctx) {
        if (stats == null) {
            error(ctx, 404, "stats are disabled with the contacts API (gateway.contacts-api=false)");
            return false;
        }
        return true;
    }
}
