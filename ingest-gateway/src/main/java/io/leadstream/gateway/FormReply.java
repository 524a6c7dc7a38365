package io.leadstream.gateway;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.apache.commons.text.StringEscapeUtils;

/**
 * How a form submission is answered, as Mautic's form script expects. A plain post gets a redirect
 * (or 400 listing the problems); the ajax path ({@code /form/submit/ajax}, or an
 * {@code X-Requested-With: XMLHttpRequest} post) gets JSON, 200 either way, as
 * {@code {success, message, redirect?, validationErrors: {alias: why}, errorMessage?}}; with
 * {@code mauticform[messenger]} (a form posted from an iframe or another site) the same JSON comes
 * in a page that hands it to the parent window with {@code postMessage}.
 */
enum FormReply {
    PLAIN, AJAX, MESSENGER;

    static final String DEFAULT_MESSAGE = "Thank you. Your submission was received.";

    static FormReply of(RoutingContext ctx, String messenger) {
        if (messenger != null && !messenger.isBlank()) {
            return MESSENGER;
        }
        boolean xhr = "XMLHttpRequest".equalsIgnoreCase(ctx.request().getHeader("X-Requested-With"));
        return ctx.request().path().endsWith("/ajax") || xhr ? AJAX : PLAIN;
    }

    /** A refused submission: every field's problem, by alias. */
    void invalid(RoutingContext ctx, String formId, Map<String, String> errors, java.util.List<String> problems) {
        if (this == PLAIN) {
            Responses.badRequest(ctx, "form " + formId + " is invalid", problems);
            return;
        }
        JsonObject validation = new JsonObject();
        errors.forEach(validation::put);
        send(ctx, new JsonObject().put("success", 0).put("formId", formId).put("validationErrors", validation)
                .put("errorMessage", "Please correct the fields marked."));
    }

    /** A submission taken (or a bot's, answered the same and dropped). */
    void success(RoutingContext ctx, String formId, String eventId, String message, String redirect) {
        send(ctx, new JsonObject().put("success", 1).put("formId", formId).put("eventId", eventId)
                .put("message", message == null ? DEFAULT_MESSAGE : message).put("redirect", redirect)
                .put("validationErrors", new JsonObject()));
    }

    private void send(RoutingContext ctx, JsonObject body) {
        if (this == MESSENGER) {
            // The JSON is escaped for a script string: nothing the visitor typed can close the script.
            String json = StringEscapeUtils.escapeEcmaScript(body.encode());
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8")
                    .end("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Form</title></head><body><script>"
                            + "parent.postMessage(JSON.parse('" + json + "'), '*');</script></body></html>");
        } else {
            ctx.response().putHeader("Content-Type", "application/json").end(body.encode());
        }
    }
}
