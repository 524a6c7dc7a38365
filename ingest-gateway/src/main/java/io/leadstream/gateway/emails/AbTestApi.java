package io.leadstream.gateway.emails;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.common.email.AbTests;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.StatsStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.store.cassandra.table.AbTestWinnersTable;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /api/v1/emails/{id}/ab-test}: an A/B tested email's test as it stands: its settings, each
 * variant's weight and counts with its open rate, click rate and clicks per open (the figures a winner is
 * chosen on), and the winner once a send worker decided it (with the figures it decided on). 404 for no
 * such email, 422 for an email with no variants, 501 without the contacts store.
 */
public final class AbTestApi {
    private final StatsStore stats;
    private final DefinitionsCache definitions;

    /** {@code stats} null: the contacts store is off. */
    public AbTestApi(StatsStore stats, DefinitionsCache definitions) {
        this.stats = stats;
        this.definitions = definitions;
    }

    public void mount(Router router) {
        router.get("/api/v1/emails/:id/ab-test").handler(this::test);
    }

    void test(RoutingContext ctx) {
        if (stats == null) {
            error(ctx, 501, "A/B test figures need the contacts store (gateway.contacts-api)");
            return;
        }
        String id = ctx.pathParam("id");
        Optional<JsonObject> email = definitions.get("emails", id);
        if (email.isEmpty()) {
            error(ctx, 404, "no email " + id);
            return;
        }
        Map<String, JsonObject> emails = definitions.all("emails");
        List<String> variants = EmailFamily.of(id, emails).stream().filter(v -> v.equals(id) || id.equals(emails.get(v).getString("variantOf"))).toList();
        if (variants.size() < 2) {
            error(ctx, 422, "email " + id + " has no A/B variants: give another email \"variantOf\": \"" + id + "\"");
            return;
        }
        List<Future<Optional<Row>>> rows = variants.stream().map(v -> Future.fromCompletionStage(stats.email(v))).toList();
        Future<Optional<AbTestWinnersTable.Row>> winner = Future.fromCompletionStage(stats.abTestWinner(id));
        Future.all(Future.all(rows), winner).onComplete(ar -> ctx.vertx().runOnContext(v -> {
            if (ar.failed()) {
                Responses.notStored(ctx, "A/B test", ar.cause());
                return;
            }
            JsonArray out = new JsonArray();
            for (int i = 0; i < variants.size(); i++) {
                out.add(variant(variants.get(i), emails.get(variants.get(i)), rows.get(i).result().orElse(null)));
            }
            JsonObject test = email.get().getJsonObject("abTest");
            JsonObject doc = new JsonObject().put("email", id).put("test", test).put("variants", out);
            winner.result().ifPresent(w -> doc.put("winner", new JsonObject().put("email", w.winner()).put("criterion", w.criterion())
                    .put("decidedAt", w.decidedAt().toString()).put("scores", new JsonObject(Map.copyOf(w.scores())))));
            json(ctx, doc);
        }));
    }

    private static JsonObject variant(String id, JsonObject doc, Row row) {
        long delivered = count(row, "delivered");
        long opens = count(row, "unique_opens");
        long clicks = count(row, "unique_clicks");
        return new JsonObject().put("email", id).put("name", doc.getString("name")).put("weight", doc.getInteger("weight", 1))
                .put("sent", count(row, "sent")).put("delivered", delivered).put("uniqueOpens", opens).put("uniqueClicks", clicks)
                .put("openRate", AbTests.score("open-rate", delivered, opens, clicks)).put("clickRate", AbTests.score("click-rate", delivered, opens, clicks))
                .put("clicksPerOpen", AbTests.score("clicks-per-open", delivered, opens, clicks));
    }

    private static long count(Row row, String column) {
        return row == null || row.isNull(column) ? 0 : row.getLong(column);
    }
}
