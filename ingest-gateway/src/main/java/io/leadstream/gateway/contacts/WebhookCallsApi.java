package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;
import static io.leadstream.gateway.contacts.ApiReplies.reply;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.store.cassandra.table.WebhookCallsTable;
import io.leadstream.store.cassandra.table.WebhookHealthTable;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A global webhook's delivery log, as the send workers wrote it: {@code GET /api/v1/webhooks/{id}/calls}
 * (each call to its URL over the last {@code days}, newest first, at most {@code limit}, with the
 * URL's health: failing since, disabled), and {@code POST /api/v1/webhooks/{id}/enable}, which
 * clears a disabled URL's health so the workers call it again.
 */
public final class WebhookCallsApi {
    private final ContactSession session;
    private final DefinitionsCache definitions;

    /** {@code contacts} null: the contacts API is off, and this with it (404). */
    public WebhookCallsApi(ContactStore contacts, DefinitionsCache definitions) {
        this.session = contacts == null ? null : contacts.session();
        this.definitions = definitions;
    }

    public void mount(Router router) {
        router.get("/api/v1/webhooks/:id/calls").handler(this::calls);
        router.post("/api/v1/webhooks/:id/enable").handler(this::enable);
    }

    void calls(RoutingContext ctx) {
        String url = url(ctx);
        if (url == null) {
            return;
        }
        Integer days = ApiReplies.intParam(ctx, "days", 1);
        Integer limit = ApiReplies.intParam(ctx, "limit", 100);
        if (days == null || days < 1 || days > 30 || limit == null || limit < 1 || limit > 1000) {
            error(ctx, 400, "days: 1 to 30; limit: 1 to 1000");
            return;
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        List<CompletionStage<List<Row>>> reads = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            reads.add(session.rows(WebhookCallsTable.SELECT_BY_URL_AND_DAY, url, today.minusDays(i), limit));
        }
        CompletionStage<List<Row>> health = session.rows(WebhookHealthTable.SELECT_FAILURES_FAILING_SINCE_DISABLED_AT_LAST_ERROR_BY_URL, url);
        reply(ctx, AsyncRows.all(reads).thenCombine(health, (perDay, h) -> {
            JsonArray calls = new JsonArray();
            perDay.stream().flatMap(List::stream).limit(limit).forEach(r -> calls.add(new JsonObject()
                    .put("calledAt", iso(r.getInstant("called_at"))).put("sendId", r.getString("command_id"))
                    .put("outcome", r.getString("outcome")).put("detail", r.getString("detail"))
                    .put("event", r.getString("event")).put("contact", r.getString("contact_id"))));
            JsonObject state = h.isEmpty() ? null : new JsonObject().put("failures", h.get(0).getInt("failures"))
                    .put("failingSince", iso(h.get(0).getInstant("failing_since"))).put("disabledAt", iso(h.get(0).getInstant("disabled_at")))
                    .put("lastError", h.get(0).getString("last_error"));
            return new JsonObject().put("webhook", ctx.pathParam("id")).put("url", url).put("health", state).put("calls", calls);
        }), out -> json(ctx, out));
    }

    void enable(RoutingContext ctx) {
        String url = url(ctx);
        if (url != null) {
            reply(ctx, session.execute(WebhookHealthTable.DELETE_BY_URL, url),
                    done -> json(ctx, new JsonObject().put("webhook", ctx.pathParam("id")).put("url", url).put("enabled", true)));
        }
    }

    /** The webhook's URL, or null after answering 404. */
    private String url(RoutingContext ctx) {
        if (session == null) {
            error(ctx, 404, "the delivery log is disabled with the contacts API (gateway.contacts-api=false)");
            return null;
        }
        String id = ctx.pathParam("id");
        String url = definitions.get("webhooks", id).map(d -> d.getString("url")).orElse(null);
        if (url == null) {
            error(ctx, 404, "no webhook " + id);
        }
        return url;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
