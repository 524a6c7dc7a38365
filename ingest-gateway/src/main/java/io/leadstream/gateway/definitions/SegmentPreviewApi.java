package io.leadstream.gateway.definitions;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.definitions.Problem;
import io.leadstream.gateway.JsonBodies;
import io.leadstream.gateway.Responses;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/segments/preview} with a segment as written (saved or not): checked like a PUT
 * (422 with every problem), then counted by the engine over the recorded events ({@link SegmentPreviews}):
 * {@code {segment, members, sample}}. One preview runs at a time per gateway (each is a small Flink
 * job); 501 where no engine is at hand.
 */
public final class SegmentPreviewApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SegmentPreviewApi.class);
    /** The id a draft is counted under before it has one of its own. */
    static final String DRAFT_ID = "draft-preview";

    private final CheckedDefinitions checks;
    private final WorkerExecutor worker;
    private volatile SegmentPreviews runner;

    public SegmentPreviewApi(Vertx vertx, CheckedDefinitions checks) {
        this.checks = checks;
        this.worker = vertx.createSharedWorkerExecutor("segment-previews", 1);
    }

    public void runner(SegmentPreviews runner) {
        this.runner = runner;
    }

    public void handle(RoutingContext ctx) {
        JsonObject doc;
        try {
            doc = JsonBodies.object(ctx.body().buffer());
        } catch (JsonBodies.Refused e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        String id = doc.getString("id", "");
        if (id.isBlank()) {
            doc.put("id", DRAFT_ID);
        }
        List<Problem> problems = checks.problems("segments", doc.getString("id"), doc);
        if (!problems.isEmpty()) {
            Responses.unprocessable(ctx, "invalid segments definition", problems);
            return;
        }
        SegmentPreviews run = runner;
        if (run == null) {
            error(ctx, 501, "previews need the engine: use the local run (bin/leadstream local) or leadstream gateway");
            return;
        }
        worker.<JsonObject>executeBlocking(() -> run.preview(doc), true).onComplete(ar -> {
            if (ar.succeeded()) {
                json(ctx, ar.result());
            } else {
                LOG.warn("Preview of segment {} failed", doc.getString("id"), ar.cause());
                ctx.response().putHeader("Retry-After", Integer.toString(Responses.RETRY_AFTER_SECONDS));
                error(ctx, 503, "preview failed: " + ar.cause().getMessage());
            }
        });
    }

    @Override
    public void close() {
        worker.close();
    }
}
