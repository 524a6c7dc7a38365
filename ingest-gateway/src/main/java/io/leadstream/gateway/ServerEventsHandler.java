package io.leadstream.gateway;

import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.CustomEvent;
import io.leadstream.schemas.event.FormSubmission;
import io.leadstream.schemas.event.Identification;
import io.leadstream.schemas.event.PageHit;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/events}: a batch of server-side events ({@code {"events": [...]}}). The
 * batch is all-or-nothing at validation (400 lists every problem with its index); once valid,
 * the answer is 202 only after Kafka acknowledged every event.
 */
final class ServerEventsHandler implements Handler<RoutingContext> {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Pattern FIELD = Pattern.compile("[a-z][a-z0-9_]{0,63}");

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final GatewayMetrics metrics;
    private final int maxEvents;
    private final int maxFieldLength;

    ServerEventsHandler(EventPublisher publisher, TrackingEvents events, GatewayMetrics metrics, int maxEvents, int maxFieldLength) {
        this.publisher = publisher;
        this.events = events;
        this.metrics = metrics;
        this.maxEvents = maxEvents;
        this.maxFieldLength = maxFieldLength;
    }

    @Override
    public void handle(RoutingContext ctx) {
        JsonArray batch;
        try {
            batch = JsonBodies.object(ctx.body().buffer()).getJsonArray("events");
        } catch (JsonBodies.Refused e) {
            Responses.badRequest(ctx, e.getMessage() + "; expected {\"events\": [...]}");
            return;
        } catch (ClassCastException e) {
            Responses.badRequest(ctx, "events: a non-empty array is required");
            return;
        }
        if (batch == null || batch.isEmpty()) {
            Responses.badRequest(ctx, "events: a non-empty array is required");
            return;
        }
        if (batch.size() > maxEvents) {
            Responses.badRequest(ctx, "events: at most " + maxEvents + " per request");
            return;
        }
        List<String> problems = new ArrayList<>();
        List<TrackingEvent> parsed = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Object item = batch.getValue(i);
            if (!(item instanceof JsonObject json)) {
                problems.add("events[" + i + "]: must be an object");
                continue;
            }
            TrackingEvent event = parse(ctx, json, "events[" + i + "]", problems);
            if (event != null) {
                parsed.add(event);
            }
        }
        if (!problems.isEmpty()) {
            metrics.rejected("invalid api event");
            Responses.badRequest(ctx, "invalid events", problems);
            return;
        }
        List<Future<Void>> acks = new ArrayList<>();
        for (TrackingEvent e : parsed) {
            acks.add(publisher.publish(e));
        }
        Future.all(acks).onComplete(ar -> {
            if (ar.failed()) {
                Responses.unavailable(ctx, ar.cause());
                return;
            }
            parsed.forEach(e -> metrics.accepted("api"));
            JsonArray ids = new JsonArray();
            parsed.forEach(e -> ids.add(e.getEventId()));
            ctx.response().setStatusCode(202).putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("accepted", parsed.size()).put("eventIds", ids).encode());
        });
    }

    private TrackingEvent parse(RoutingContext ctx, JsonObject json, String at, List<String> problems) {
        int before = problems.size();
        String device = optionalId(json, "device_id", at, problems);
        String contact = optionalId(json, "contact_id", at, problems);
        if (device == null && contact == null && problems.size() == before) {
            problems.add(at + ": device_id or contact_id is required");
        }
        Map<String, String> fields = stringMap(json, "fields", at, problems, true);
        String type = json.getValue("type") instanceof String t ? t : null;
        Object payload = null;
        if (type == null) {
            problems.add(at + ".type: one of page_hit, identify, form_submission, asset_download, custom");
        } else {
            switch (type) {
                case "page_hit" -> {
                    String url = requiredText(json, "url", at, problems);
                    if (url != null) {
                        payload = PageHit.newBuilder().setUrl(url).setTitle(optionalText(json, "title", at, problems))
                                .setReferrer(optionalText(json, "referrer", at, problems))
                                .setUtm(TrackerParameters.utmFromUrl(url)).build();
                    }
                }
                case "identify" -> {
                    if (fields.isEmpty()) {
                        problems.add(at + ".fields: identify needs at least one contact field");
                    }
                    payload = Identification.newBuilder().setVia("api").build();
                }
                case "form_submission" -> {
                    String formId = requiredId(json, "form_id", at, problems);
                    Map<String, String> values = stringMap(json, "values", at, problems, false);
                    if (formId != null) {
                        payload = FormSubmission.newBuilder().setFormId(formId).setValues(values).build();
                    }
                }
                case "asset_download" -> {
                    String assetId = requiredId(json, "asset_id", at, problems);
                    if (assetId != null) {
                        payload = AssetDownload.newBuilder().setAssetId(assetId).build();
                    }
                }
                case "custom" -> {
                    String name = requiredText(json, "name", at, problems);
                    Map<String, String> props = stringMap(json, "properties", at, problems, false);
                    if (name != null && name.startsWith("leadstream.")) {
                        problems.add(at + ".name: names starting with 'leadstream.' are LeadStream's own");
                    } else if (name != null) {
                        payload = CustomEvent.newBuilder().setName(name).setProperties(props).build();
                    }
                }
                default -> problems.add(at + ".type: unknown '" + clip(type) + "'");
            }
        }
        if (problems.size() > before || payload == null) {
            return null;
        }
        return events.admitFields(events.envelope(ctx.request(), new TrackerParameters(MultiMap.caseInsensitiveMultiMap()), Source.API)
                .setDeviceId(device).setContactId(contact).setFields(fields).setPayload(payload).build(), FieldAdmission.Caller.TRUSTED);
    }

    private String optionalId(JsonObject json, String key, String at, List<String> problems) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || !ID.matcher(s).matches()) {
            problems.add(at + "." + key + ": letters, digits, - and _ (max 64)");
            return null;
        }
        return s;
    }

    private String requiredId(JsonObject json, String key, String at, List<String> problems) {
        String id = optionalId(json, key, at, problems);
        if (id == null && json.getValue(key) == null) {
            problems.add(at + "." + key + ": required");
        }
        return id;
    }

    private String requiredText(JsonObject json, String key, String at, List<String> problems) {
        String s = optionalText(json, key, at, problems);
        if (s == null && json.getValue(key) == null) {
            problems.add(at + "." + key + ": required");
        }
        return s;
    }

    private String optionalText(JsonObject json, String key, String at, List<String> problems) {
        Object v = json.getValue(key);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s) || s.isBlank() || s.length() > maxFieldLength) {
            problems.add(at + "." + key + ": a non-empty string of at most " + maxFieldLength + " characters");
            return null;
        }
        return s;
    }

    private Map<String, String> stringMap(JsonObject json, String key, String at, List<String> problems, boolean fieldNames) {
        Map<String, String> out = new LinkedHashMap<>();
        Object v = json.getValue(key);
        if (v == null) {
            return out;
        }
        if (!(v instanceof JsonObject map)) {
            problems.add(at + "." + key + ": an object of strings");
            return out;
        }
        for (Map.Entry<String, Object> e : map) {
            if (fieldNames && !FIELD.matcher(e.getKey()).matches()) {
                problems.add(at + "." + key + ": bad field name '" + clip(e.getKey()) + "'");
            } else if (!(e.getValue() instanceof String || e.getValue() instanceof Number || e.getValue() instanceof Boolean)
                    || String.valueOf(e.getValue()).length() > maxFieldLength) {
                problems.add(at + "." + key + "." + clip(e.getKey()) + ": a string, number or boolean of at most " + maxFieldLength + " characters");
            } else {
                out.put(e.getKey(), String.valueOf(e.getValue()));
            }
        }
        return out;
    }

    private static String clip(String s) {
        String clean = s.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "..." : clean;
    }
}
