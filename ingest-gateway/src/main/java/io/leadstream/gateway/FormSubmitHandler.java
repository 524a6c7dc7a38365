package io.leadstream.gateway;

import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /form/submit?formId=ID} with Mautic's {@code mauticform[alias]} field names. The
 * submitted values also become contact fields (Mautic's default mapping is by alias). Replies
 * with a redirect to {@code mauticform[return]} when it is a local path, JSON otherwise.
 */
final class FormSubmitHandler implements Handler<RoutingContext> {
    private static final Pattern FIELD = Pattern.compile("mauticform\\[([A-Za-z0-9_]{1,64})]");
    private static final Set<String> CONTROL = Set.of("formId", "formid", "return", "formName", "messenger", "submit");

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final Clock clock;

    FormSubmitHandler(EventPublisher publisher, TrackingEvents events, Clock clock) {
        this.publisher = publisher;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        MultiMap form = ctx.request().formAttributes();
        String fromQuery = ctx.request().getParam("formId");
        String formId = fromQuery == null || fromQuery.isBlank() ? form.get("mauticform[formId]") : fromQuery;
        if (formId == null || !formId.matches("[A-Za-z0-9_-]{1,64}")) {
            Responses.badRequest(ctx, "formId is required (letters, digits, - and _)");
            return;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : form.entries()) {
            Matcher m = FIELD.matcher(e.getKey());
            if (m.matches() && !CONTROL.contains(m.group(1))) {
                values.put(m.group(1), e.getValue().strip());
            }
        }
        String deviceId = DeviceIds.resolve(ctx.request(), ctx.response());
        TrackerParameters none = new TrackerParameters(MultiMap.caseInsensitiveMultiMap());
        Map<String, String> contactFields = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (!v.isEmpty()) {
                contactFields.put(k.toLowerCase(), v);
            }
        });
        TrackingEvent event = TrackingEvent.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setEventTime(clock.instant())
                .setDeviceId(deviceId)
                .setSource(Source.FORM)
                .setContext(events.context(ctx.request(), none))
                .setFields(contactFields)
                .setPayload(FormSubmission.newBuilder().setFormId(formId).setValues(values)
                        .setPageUrl(ctx.request().getHeader("Referer")).build())
                .build();
        String returnTo = form.get("mauticform[return]");
        publisher.publish(event).onComplete(ar -> {
            if (ar.failed()) {
                Responses.unavailable(ctx, ar.cause());
            } else if (isLocalPath(returnTo) && !wantsJson(ctx)) {
                ctx.response().setStatusCode(303).putHeader("Location", returnTo).end();
            } else {
                ctx.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("success", 1).put("formId", formId).put("eventId", event.getEventId()).encode());
            }
        });
    }

    /** Only same-site paths: never an open redirect to another host. */
    static boolean isLocalPath(String target) {
        return target != null && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")
                && target.length() < 2048 && target.chars().noneMatch(c -> c < 0x20);
    }

    private static boolean wantsJson(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
