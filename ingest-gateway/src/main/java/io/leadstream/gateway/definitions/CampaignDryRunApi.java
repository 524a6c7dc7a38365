package io.leadstream.gateway.definitions;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.definitions.Problem;
import io.leadstream.gateway.JsonBodies;
import io.leadstream.gateway.Responses;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/campaigns/{id}/dry-run[?until=ISO-8601]}: the campaign as stored, or the one
 * in the body (validated like a PUT), run over the recorded events with nothing sent. 200 with the
 * sends it would make and its counts; 501 where no engine is at hand to run it.
 */
public final class CampaignDryRunApi {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignDryRunApi.class);

    private final DefinitionsCache definitions;
    private final CheckedDefinitions checks;
    private volatile CampaignDryRuns runner;

    public CampaignDryRunApi(CheckedDefinitions checks) {
        this.definitions = checks.cache();
        this.checks = checks;
    }

    public void runner(CampaignDryRuns runner) {
        this.runner = runner;
    }

    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Instant until;
        try {
            String raw = ctx.queryParams().get("until");
            until = raw == null ? null : Instant.parse(raw);
        } catch (DateTimeParseException e) {
            error(ctx, 400, "until: an ISO-8601 instant, e.g. 2026-12-01T00:00:00Z");
            return;
        }
        JsonObject campaign = campaign(ctx, id);
        if (campaign == null) {
            return;
        }
        CampaignDryRuns run = runner;
        if (run == null) {
            error(ctx, 501, "dry runs need the engine: use the local run (bin/leadstream local) or leadstream campaign-dry-run");
            return;
        }
        ctx.vertx().<JsonObject>executeBlocking(() -> run.run(campaign, until), false).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, ar.result());
            } else {
                LOG.warn("Dry run of campaign {} failed", id, ar.cause());
                ctx.response().putHeader("Retry-After", Integer.toString(Responses.RETRY_AFTER_SECONDS));
                error(ctx, 503, "dry run failed: " + ar.cause().getMessage());
            }
        });
    }

    /** The body's campaign when there is one (with this id), else the stored one; null once an error is answered. */
    private JsonObject campaign(RoutingContext ctx, String id) {
        String body = ctx.body() == null ? null : ctx.body().asString();
        if (body == null || body.isBlank()) {
            JsonObject stored = definitions.get("campaigns", id).orElse(null);
            if (stored == null) {
                error(ctx, 404, "no campaigns with id " + id);
            }
            return stored;
        }
        JsonObject doc;
        try {
            doc = JsonBodies.object(ctx.body().buffer()).put("id", id);
        } catch (JsonBodies.Refused e) {
            error(ctx, 400, e.getMessage());
            return null;
        }
        List<Problem> problems = checks.problems("campaigns", id, doc);
        if (!problems.isEmpty()) {
            Responses.unprocessable(ctx, "invalid campaigns definition", problems);
            return null;
        }
        return doc;
    }
}
