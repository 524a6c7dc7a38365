package io.leadstream.gateway;

import io.leadstream.gateway.assets.AssetGates;
import io.leadstream.gateway.assets.AssetTokens;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /form/submit?formId=ID} with Mautic's {@code mauticform[alias]} field names,
 * urlencoded or multipart. When the form has a definition, the submission is validated against
 * it (400 listing every problem; a filled honeypot is answered as success and dropped). The
 * values also become contact fields (Mautic's default mapping is by alias). A plain post is
 * answered with a redirect to the form's redirectUrl, or to {@code mauticform[return]} when it is a
 * local path, or JSON when asked; the ajax path and {@code mauticform[messenger]} as Mautic's form
 * script expects ({@link FormReply}).
 */
final class FormSubmitHandler implements Handler<RoutingContext> {
    /** {@code mauticform[alias]}, or {@code mauticform[alias][]} for each value of a checkbox group or multiple select. */
    private static final Pattern FIELD = Pattern.compile("mauticform\\[([A-Za-z0-9_]{1,64})](\\[])?");
    /** The landing page a form was posted from (a control, not a value): its submissions are counted for it. */
    static final String PAGE = "lspage";
    private static final Set<String> CONTROL = Set.of("formId", "formid", "return", "formName", "messenger", "submit", "mautic_device_id", PAGE);

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final DefinitionsCache definitions;
    private final GatewayMetrics metrics;

    private final ContactStore contacts;
    private final AssetTokens assetTokens;
    private final Supplier<String> baseUrl;
    private final FormFiles files;
    private final HitCounters counters;

    /**
     * {@code contacts}: who the visitor is, for a form whose fields depend on it (null: every visitor a
     * stranger); {@code assetTokens}: the passes to gated assets that submissions earn.
     */
    FormSubmitHandler(EventPublisher publisher, TrackingEvents events, DefinitionsCache definitions, GatewayMetrics metrics, ContactStore contacts,
                      AssetTokens assetTokens, Supplier<String> baseUrl, FormFiles files, HitCounters counters) {
        this.publisher = publisher;
        this.events = events;
        this.definitions = definitions;
        this.metrics = metrics;
        this.contacts = contacts;
        this.assetTokens = assetTokens;
        this.baseUrl = baseUrl;
        this.files = files;
        this.counters = counters;
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
            String value = e.getValue().strip();
            if (m.matches() && !CONTROL.contains(m.group(1)) && !(m.group(2) != null && value.isEmpty())) {
                // Several values are kept joined by '|', as Mautic keeps them.
                values.merge(m.group(1).toLowerCase(), value, (a, b) -> a.isEmpty() ? b : a + "|" + b);
            }
        }
        Optional<JsonObject> definition = definitions.get("forms", formId);
        if (definition.isEmpty()) {
            accept(ctx, form, formId, values, null, FormFiles.Checked.NONE);
            return;
        }
        // Checked as this visitor was asked: a required field it was not shown (its contact has the value) is not asked for.
        ProgressiveProfiling.known(definition.get(), contacts, events.devices().fromRequest(ctx.request()))
                .compose(known -> files.check(definition.get(), ctx).map(checked -> {
                    accept(ctx, form, formId, values, ProgressiveProfiling.asAsked(definition.get(), known), checked);
                    return null;
                }))
                .onFailure(e -> Responses.notStored(ctx, "form submission", e));
    }

    /**
     * {@code asAsked}: the form's definition as this visitor was asked to fill it, or null for a form
     * without one; {@code uploads}: its file fields' uploads, checked.
     */
    private void accept(RoutingContext ctx, MultiMap form, String formId, Map<String, String> posted, JsonObject asAsked,
                        FormFiles.Checked uploads) {
        Map<String, String> values = posted;
        FormReply mode = FormReply.of(ctx, form.get("mauticform[messenger]"));
        Optional<JsonObject> definition = Optional.ofNullable(asAsked);
        if (definition.isPresent()) {
            Map<String, String> withFiles = new LinkedHashMap<>(posted);
            definition.get().getJsonArray("fields", new io.vertx.core.json.JsonArray()).forEach(f -> { // a file field's value is its upload, never text
                if (FormFiles.TYPE.equals(((JsonObject) f).getString("type"))) {
                    withFiles.remove(((JsonObject) f).getString("alias"));
                }
            });
            uploads.accepted().forEach((alias, upload) -> withFiles.put(alias, upload.fileName()));
            uploads.errors().keySet().forEach(alias -> withFiles.put(alias, "-"));
            FormValidation.Result result = FormValidation.check(definition.get(), withFiles);
            if (result.spam()) {
                metrics.rejected("honeypot");
                replySuccess(ctx, mode, formId, null, definition.get(), form.get("mauticform[return]"));
                return;
            }
            Map<String, String> errors = new LinkedHashMap<>(result.errors());
            errors.putAll(uploads.errors());
            if (!errors.isEmpty()) { // nothing uploaded is kept: the body handler deletes it as the request ends
                metrics.rejected("invalid form");
                mode.invalid(ctx, formId, errors, new FormValidation.Result(Map.of(), errors, false).problems());
                return;
            }
            values = result.values();
        }
        Map<String, String> taken = values;
        files.keep(uploads.accepted()).onFailure(e -> Responses.notStored(ctx, "form files", e)).onSuccess(kept -> {
            Map<String, String> all = new LinkedHashMap<>(taken);
            all.putAll(kept);
            publish(ctx, form, mode, formId, all, definition);
        });
    }

    private void publish(RoutingContext ctx, MultiMap form, FormReply mode, String formId, Map<String, String> values, Optional<JsonObject> definition) {
        String deviceFallback = Optional.ofNullable(form.get("mautic_device_id")).orElse(form.get("mauticform[mautic_device_id]"));
        String deviceId = events.devices().resolve(ctx.request(), ctx.response(), deviceFallback);
        Map<String, String> contactFields = FormValidation.contactFields(definition.orElse(null), values);
        TrackingEvent event = events.admitFields(events.envelope(ctx.request(), new TrackerParameters(MultiMap.caseInsensitiveMultiMap()), Source.FORM)
                .setDeviceId(deviceId)
                .setFields(contactFields)
                .setPayload(FormSubmission.newBuilder().setFormId(formId).setValues(values)
                        .setPageUrl(ctx.request().getHeader("Referer")).build())
                .build(), FieldAdmission.Caller.FORM);
        String returnTo = form.get("mauticform[return]");
        JsonObject def = definition.orElse(null);
        String page = form.get("mauticform[" + PAGE + "]");
        AckedReply.send(publisher, metrics, ctx, event, "form_submission", () -> {
            if (definitions.get(LandingPageHandler.KIND, page).isPresent()) {
                counters.count(LandingPageHandler.KIND, page, "submission");
            }
            replySuccess(ctx, mode, formId, event.getEventId(), def, returnTo);
        });
    }

    /** {@code eventId}: the stored submission's; null for one dropped (a bot's), which opens no asset. */
    private void replySuccess(RoutingContext ctx, FormReply mode, String formId, String eventId, JsonObject definition, String returnTo) {
        String asset = eventId == null ? null : AssetGates.opened(formId, definition, returnTo, definitions);
        String redirect = asset != null ? baseUrl.get() + "/asset/" + asset + "?t=" + assetTokens.sign(asset, java.time.Instant.now())
                : definition == null ? null : definition.getString("redirectUrl");
        if (redirect == null && isLocalPath(returnTo)) {
            redirect = returnTo;
        }
        if (mode != FormReply.PLAIN) {
            mode.success(ctx, formId, eventId, definition == null ? null : definition.getString("message"), redirect);
        } else if (redirect != null && !wantsJson(ctx)) {
            ctx.response().setStatusCode(303).putHeader("Location", redirect).end();
        } else if (wantsPage(ctx)) { // a visitor's browser posted the embedded form: it reads the form's message
            String message = definition == null ? null : definition.getString("message");
            org.jsoup.nodes.Document page = org.jsoup.nodes.Document.createShell("");
            page.title(definition == null ? formId : definition.getString("name", formId));
            page.body().appendElement("p").addClass("mauticform-message").text(message == null ? FormReply.DEFAULT_MESSAGE : message);
            ctx.response().putHeader("Content-Type", "text/html; charset=utf-8").end(page.outerHtml());
        } else {
            ctx.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("success", 1).put("formId", formId).put("eventId", eventId).encode());
        }
    }

    /** Only same-site paths: never an open redirect to another host. */
    static boolean isLocalPath(String target) {
        return target != null && target.startsWith("/") && !target.startsWith("//") && !target.startsWith("/\\")
                && target.length() < 2048 && target.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }

    private static boolean wantsPage(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    private static boolean wantsJson(RoutingContext ctx) {
        String accept = ctx.request().getHeader("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("text/html");
    }
}
