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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;

/**
 * Counts for the CLI and the dashboard: {@code GET /api/v1/stats/emails} (per email, with rates;
 * {@code /stats/emails/{id}/daily} per UTC day),
 * {@code /stats/segments} (members per defined segment), {@code /stats/stages} (contacts per lifecycle stage
 * over time) and {@code /stats/campaigns/{id}} (outcomes
 * per step, email counts per send step).
 */
public final class StatsApi {
    /** queued: the sends the engine decided, so a segment send can tell those still pending (docs/emails.md). */
    private static final String[] COUNTS = {"sent", "delivered", "opens", "unique_opens", "clicks", "unique_clicks", "bounced", "unsubscribed", "failed",
        "suppressed", "queued"};

    private static final int MAX_RANGE_MINUTES = 7 * 24 * 60;

    private final StatsStore stats;
    private final DefinitionsCache definitions;

    /** {@code contacts} null: the contacts API is off, and stats with it (404). */
    public StatsApi(ContactStore contacts, DefinitionsCache definitions) {
        this.stats = contacts == null ? null : new StatsStore(contacts);
        this.definitions = definitions;
    }

    public void mount(Router router) {
        router.get("/api/v1/stats/emails").handler(this::emails);
        router.get("/api/v1/stats/emails/:id/daily").handler(this::emailDays);
        router.get("/api/v1/stats/segments").handler(this::segments);
        router.get("/api/v1/stats/campaigns/:id").handler(this::campaign);
        router.get("/api/v1/stats/campaigns").handler(this::campaigns);
        router.get("/api/v1/stats/segments/:id/history").handler(this::segmentHistory);
        router.get("/api/v1/stats/stages").handler(this::stages);
        router.get("/api/v1/stats/stages/:id/history").handler(this::stageHistory);
        router.get("/api/v1/stats/overview").handler(this::overview);
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

    /** One email's counts and rates per UTC day over the last {@code days} (default 30, at most 365), oldest first, zeros included. */
    void emailDays(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        Integer days = ApiReplies.intParam(ctx, "days", 30);
        if (days == null || days < 1 || days > 365) {
            error(ctx, 400, "days: an integer from 1 to 365");
            return;
        }
        if (definitions.get("emails", id).isEmpty()) {
            error(ctx, 404, "no email " + id);
            return;
        }
        LocalDate from = LocalDate.now(ZoneOffset.UTC).minusDays(days - 1L);
        reply(ctx, stats.emailDays(id, from), rows -> {
            Map<LocalDate, Row> byDay = new HashMap<>();
            rows.forEach(r -> byDay.put(r.getLocalDate("day"), r));
            JsonArray out = new JsonArray();
            for (int i = 0; i < days; i++) {
                LocalDate day = from.plusDays(i);
                Row r = byDay.get(day);
                out.add(emailCounts(r).put("email", id).put("day", day.toString()));
            }
            json(ctx, new JsonObject().put("email", id).put("days", out));
        });
    }

    void segments(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        Map<String, JsonObject> defined = definitions.all("segments");
        List<String> ids = List.copyOf(defined.keySet());
        List<CompletionStage<Long>> sizes = new ArrayList<>();
        ids.forEach(id -> sizes.add(stats.size(StatsStore.Membership.SEGMENT, id)));
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

    /**
     * Contacts, the share identified, and events over the last {@code minutes} (60 by default, at most
     * 7 days): per minute up to 6 hours, per hour beyond. Contact counts are cached for 15 s.
     */
    void overview(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        Integer minutes = ApiReplies.intParam(ctx, "minutes", 60);
        if (minutes == null || minutes < 1 || minutes > MAX_RANGE_MINUTES) {
            error(ctx, 400, "minutes: 1 to " + MAX_RANGE_MINUTES + " (7 days)");
            return;
        }
        boolean hourly = minutes > 360;
        java.time.Instant now = java.time.Instant.now();
        java.time.Instant from = now.minus(java.time.Duration.ofMinutes(minutes));
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        CompletionStage<List<Row>> rowsOfRange = java.util.concurrent.CompletableFuture.completedFuture(List.of());
        for (LocalDate day = LocalDate.ofInstant(from, ZoneOffset.UTC); !day.isAfter(today); day = day.plusDays(1)) {
            rowsOfRange = rowsOfRange.thenCombine(stats.eventCounts(day), (a, b) -> { List<Row> all = new ArrayList<>(a); all.addAll(b); return all; });
        }
        reply(ctx, rowsOfRange.thenCombine(contactCounts(), List::<Object>of), both -> {
            @SuppressWarnings("unchecked")
            List<Row> rows = (List<Row>) both.get(0);
            long[] counts = (long[]) both.get(1);
            Map<String, Long> perBucket = new TreeMap<>();
            for (Row r : rows) {
                java.time.Instant minute = r.getInstant("minute");
                if (!minute.isBefore(from)) {
                    java.time.Instant bucket = hourly ? minute.truncatedTo(java.time.temporal.ChronoUnit.HOURS) : minute;
                    perBucket.merge(bucket.toString(), r.getLong("events"), Long::sum); // one row per shard
                }
            }
            JsonArray series = new JsonArray();
            perBucket.forEach((minute, events) -> series.add(new JsonObject().put("minute", minute).put("events", events)));
            json(ctx, new JsonObject().put("contacts", counts[0]).put("identified", counts[1])
                    .put("identifiedRate", rate(counts[1], counts[0])).put("minutes", minutes).put("bucket", hourly ? "hour" : "minute")
                    .put("eventsPerMinute", series));
        });
    }

    private volatile CompletionStage<long[]> cachedCounts;
    private volatile long cachedAt;

    private CompletionStage<long[]> contactCounts() {
        long now = System.currentTimeMillis();
        CompletionStage<long[]> cached = cachedCounts;
        if (cached == null || now - cachedAt > 15_000 || cached.toCompletableFuture().isCompletedExceptionally()) {
            cached = stats.contactCounts();
            cachedCounts = cached;
            cachedAt = now;
        }
        return cached;
    }

    /** Entries and exits per UTC day over the last {@code days} (default 30, at most 365), oldest first, with today's size. */
    void segmentHistory(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        history(ctx, "segments", id, StatsStore.Membership.SEGMENT, h -> h.put("segment", id));
    }

    /** A lifecycle stage's contacts over time, as {@link #segmentHistory}. */
    void stageHistory(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        history(ctx, "stages", id, StatsStore.Membership.STAGE, h -> h.put("stage", id));
    }

    private void history(RoutingContext ctx, String kind, String id, StatsStore.Membership m, java.util.function.UnaryOperator<JsonObject> label) {
        if (!enabled(ctx)) {
            return;
        }
        if (definitions.get(kind, id).isEmpty()) {
            error(ctx, 404, "no " + kind.substring(0, kind.length() - 1) + " " + id);
            return;
        }
        Integer days = days(ctx);
        if (days != null) {
            reply(ctx, MembershipHistory.read(stats, m, id, days), h -> json(ctx, label.apply(h)));
        }
    }

    /** Every defined stage by weight, with its contacts now and per day over the last {@code days} (default 30): the lifecycle report. */
    void stages(RoutingContext ctx) {
        if (!enabled(ctx)) {
            return;
        }
        Integer days = days(ctx);
        if (days == null) {
            return;
        }
        List<Map.Entry<String, JsonObject>> defined = new ArrayList<>(definitions.all("stages").entrySet());
        defined.sort(java.util.Comparator.comparing((Map.Entry<String, JsonObject> e) -> e.getValue().getInteger("weight", 0))
                .thenComparing(Map.Entry::getKey));
        List<CompletionStage<JsonObject>> reads = new ArrayList<>();
        defined.forEach(e -> reads.add(MembershipHistory.read(stats, StatsStore.Membership.STAGE, e.getKey(), days)));
        reply(ctx, AsyncRows.all(reads), histories -> {
            JsonArray out = new JsonArray();
            for (int i = 0; i < defined.size(); i++) {
                JsonObject doc = defined.get(i).getValue();
                out.add(new JsonObject().put("stage", defined.get(i).getKey()).put("name", doc.getString("name"))
                        .put("weight", doc.getInteger("weight", 0)).mergeIn(histories.get(i)));
            }
            json(ctx, new JsonObject().put("stages", out));
        });
    }

    /** The {@code days} parameter (default 30, 1 to 365), or null after answering 400. */
    private static Integer days(RoutingContext ctx) {
        Integer days = ApiReplies.intParam(ctx, "days", 30);
        if (days == null || days < 1 || days > 365) {
            error(ctx, 400, "days: an integer from 1 to 365");
            return null;
        }
        return days;
    }

    /** The defined campaigns with their steps in definition order, for the funnel. */
    void campaigns(RoutingContext ctx) {
        JsonArray out = new JsonArray();
        definitions.all("campaigns").forEach((id, doc) -> {
            JsonArray steps = new JsonArray();
            JsonArray events = doc.getJsonArray("events", new JsonArray());
            for (int i = 0; i < events.size(); i++) {
                JsonObject e = events.getJsonObject(i);
                steps.add(new JsonObject().put("id", e.getString("id")).put("type", e.getString("type")).put("kind", e.getString("kind"))
                        .put("parent", e.getString("parent")));
            }
            out.add(new JsonObject().put("campaign", id).put("name", doc.getString("name")).put("steps", steps));
        });
        json(ctx, new JsonObject().put("campaigns", out));
    }

    /** The counters of an email_stats-shaped row (null: none counted), camelCased, with the rates a marketer reads. */
    private static JsonObject emailCounts(Row r) {
        JsonObject o = new JsonObject();
        for (String c : COUNTS) {
            o.put(camel(c), r == null || r.isNull(c) ? 0L : r.getLong(c));
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
