package io.leadstream.gateway.emails;

import static io.leadstream.gateway.Responses.error;
import static io.leadstream.gateway.Responses.json;

import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.ApiReplies;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.common.KafkaException;

/**
 * A segment email's send at {@code /api/v1/emails/{id}/send} ({@link SegmentEmailSends}, docs/emails.md):
 * {@code POST} starts it (202; 200 with nothing written when it was started before), {@code GET} tells its
 * progress, {@code DELETE} closes it. The progress reads the engine's counts, so all three need the contacts
 * store (501 without).
 */
public final class SegmentSendApi {
    private final SegmentEmailSends sends;
    private final DefinitionsCache definitions;

    /** {@code sends} null: the contacts store is off. */
    public SegmentSendApi(SegmentEmailSends sends, DefinitionsCache definitions) {
        this.sends = sends;
        this.definitions = definitions;
    }

    /** Registers the routes; the POST needs a JSON body handler mounted first (its body is optional). */
    public void mount(Router router) {
        router.post("/api/v1/emails/:id/send").handler(this::start);
        router.get("/api/v1/emails/:id/send").handler(this::progress);
        router.delete("/api/v1/emails/:id/send").handler(this::close);
    }

    void start(RoutingContext ctx) {
        if (!storeOn(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        Optional<JsonObject> email = definitions.get("emails", id);
        if (email.isEmpty()) {
            error(ctx, 404, "no email " + id);
            return;
        }
        SegmentSendOptions options;
        try {
            options = SegmentSendOptions.parse(ctx.body().buffer());
        } catch (SegmentSendOptions.Refused e) {
            error(ctx, 400, e.getMessage());
            return;
        }
        if (SegmentEmailSends.segmentsOf(email.get()).isEmpty()) {
            error(ctx, 422, "email " + id + " names no segments: give it \"segments\" to send it to their members");
            return;
        }
        answer(ctx, sends.start(id, options), outcome -> {
            ctx.response().setStatusCode(outcome.written() ? 202 : 200);
            json(ctx, outcome.progress());
        });
    }

    void progress(RoutingContext ctx) {
        withSend(ctx, send -> answer(ctx, sends.progress(send), progress -> json(ctx, progress)));
    }

    void close(RoutingContext ctx) {
        withSend(ctx, send -> answer(ctx, sends.close(send.email()), outcome -> json(ctx, outcome.progress())));
    }

    /** The email's send, or 404 when it was never started (whether the email still exists or not: a send outlives it). */
    private void withSend(RoutingContext ctx, Consumer<SegmentSendRecord> then) {
        if (!storeOn(ctx)) {
            return;
        }
        String id = ctx.pathParam("id");
        sends.find(id).ifPresentOrElse(then, () -> error(ctx, 404, "no send of email " + id + " was started"));
    }

    private boolean storeOn(RoutingContext ctx) {
        if (sends == null) {
            error(ctx, 501, "segment sends need the contacts store (gateway.contacts-api): their progress is its counts");
            return false;
        }
        return true;
    }

    /** Answers on the request's context: a write Kafka did not take is 503 (retry), a store failure as the contacts API's. */
    private static <T> void answer(RoutingContext ctx, Future<T> outcome, Consumer<T> then) {
        Context context = ctx.vertx().getOrCreateContext();
        outcome.onComplete(ar -> context.runOnContext(v -> {
            if (ar.succeeded()) {
                then.accept(ar.result());
            } else if (notStored(ar.cause())) {
                Responses.notStored(ctx, "segment send", ar.cause());
            } else {
                ApiReplies.failed(ctx, ar.cause());
            }
        }));
    }

    /** A record Kafka did not take: the producer fails with its own exceptions, perhaps wrapped by a future on the way. */
    private static boolean notStored(Throwable failure) {
        return failure instanceof KafkaException || failure.getCause() instanceof KafkaException;
    }
}
