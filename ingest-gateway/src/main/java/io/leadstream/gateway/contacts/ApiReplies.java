package io.leadstream.gateway.contacts;

import static io.leadstream.gateway.Responses.error;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.DriverTimeoutException;
import com.datastax.oss.driver.api.core.servererrors.QueryValidationException;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.contacts.ContactStore.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Replies of the APIs that read Cassandra: 503 + Retry-After while the store is down, parameters parsed the same way. */
public final class ApiReplies {
    private static final Logger LOG = LoggerFactory.getLogger(ApiReplies.class);

    private ApiReplies() {}

    /** Runs {@code onSuccess} on the request's context; store failures become 503 (or 500 for bugs). */
    public static <T> void reply(RoutingContext ctx, CompletionStage<T> stage, Consumer<T> onSuccess) {
        Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()).onComplete(ar -> {
            if (ctx.response().ended() || ctx.response().closed()) {
                return;
            }
            if (ar.succeeded()) {
                onSuccess.accept(ar.result());
            } else {
                failed(ctx, ar.cause());
            }
        });
    }

    /** A failed store read answered: 503 + Retry-After while the store is down, 500 (logged) for anything else. */
    public static void failed(RoutingContext ctx, Throwable failure) {
        Throwable cause = ContactSession.unwrap(failure);
        if (cause instanceof StoreUnavailableException || cause instanceof DriverException) {
            LOG.warn("Answering 503 for {}: {}", ctx.request().path(), ContactSession.reason(cause));
            ctx.response().putHeader("Retry-After", Integer.toString(Responses.RETRY_AFTER_SECONDS));
            error(ctx, 503, "contacts store unavailable, retry later: " + clientReason(cause));
        } else {
            LOG.error("Contacts API failed on {}", ctx.request().path(), cause);
            error(ctx, 500, "internal error");
        }
    }

    /** Why, without the driver's node list (addresses stay in the log). */
    static String clientReason(Throwable failure) {
        Throwable t = failure instanceof StoreUnavailableException && failure.getCause() != null ? failure.getCause() : failure;
        if (t instanceof AllNodesFailedException) {
            return "no Cassandra node answers";
        }
        if (t instanceof DriverTimeoutException) {
            return "Cassandra did not answer in time";
        }
        if (t instanceof QueryValidationException) {
            return "Cassandra schema not ready (" + ContactSession.reason(t) + ")";
        }
        return t instanceof DriverException ? t.getClass().getSimpleName() : ContactSession.reason(t);
    }

    /** What a contact id may be: as the engine mints them, and as callers name them. */
    static final java.util.regex.Pattern CONTACT_ID = java.util.regex.Pattern.compile("[A-Za-z0-9_.:-]{1,128}");

    /** False, with 404 answered, when the contacts API is off ({@code store} null). */
    static boolean contactsOn(RoutingContext ctx, ContactStore store) {
        if (store == null) {
            error(ctx, 404, "the contacts API is off (gateway.contacts-api=false)");
            return false;
        }
        return true;
    }

    /** The merged profile of the contact {@code what} names by {@code id} (its root), or 404 / 400 / 503 answered. */
    static void withContact(RoutingContext ctx, ContactStore store, String what, String id, Consumer<ContactStore.Profile> then) {
        if (!contactsOn(ctx, store)) {
            return;
        }
        if (id == null || !CONTACT_ID.matcher(id).matches()) {
            error(ctx, 400, what + ": 1 to 128 letters, digits, '_', '.', ':' or '-'");
            return;
        }
        reply(ctx, store.profile(id), found -> found.ifPresentOrElse(then, () -> error(ctx, 404, "no contact " + id)));
    }

    /** The parameter as an int, {@code dflt} when absent, null when not an integer. */
    public static Integer intParam(RoutingContext ctx, String name, int dflt) {
        String raw = ctx.queryParams().get(name);
        if (raw == null || raw.isBlank()) {
            return dflt;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
