package io.leadstream.gateway;

import io.leadstream.common.ids.IdentityIds;
import io.leadstream.gateway.assets.AssetStore;
import io.leadstream.gateway.assets.AssetTokens;
import io.leadstream.gateway.assets.ByteRange;
import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.leadstream.schemas.event.AssetDownload;
import io.leadstream.schemas.event.Source;
import io.leadstream.schemas.event.TrackingEvent;
import io.leadstream.store.cassandra.table.ContactFormSubmissionsTable;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /asset/{id}}: a download, recorded as the visitor's {@code asset_download} event once
 * Kafka has it. An uploaded file is served with its type, its name and byte ranges (a range that
 * does not start at the first byte is the same download going on, and records nothing); an asset
 * with a {@code url} redirects there (from its definition, never from the request). A gated asset
 * (its {@code form}) is served to a visitor who brings the pass its submission earned
 * ({@link AssetTokens}) or whose contact has submitted that form before; anyone else gets the form
 * (403), which leads back here. Unknown assets get 404 and no event.
 */
final class AssetHandler implements Handler<RoutingContext> {
    private static final Logger LOG = LoggerFactory.getLogger(AssetHandler.class);

    private final EventPublisher publisher;
    private final TrackingEvents events;
    private final DefinitionsCache definitions;
    private final GatewayMetrics metrics;
    private final AssetStore files;
    private final AssetTokens tokens;
    private final ContactStore contacts;
    private final FormEmbedHandler forms;
    private final Clock clock;

    AssetHandler(EventPublisher publisher, TrackingEvents events, DefinitionsCache definitions, GatewayMetrics metrics, AssetStore files,
                 AssetTokens tokens, ContactStore contacts, FormEmbedHandler forms, Clock clock) {
        this.publisher = publisher;
        this.events = events;
        this.definitions = definitions;
        this.metrics = metrics;
        this.files = files;
        this.tokens = tokens;
        this.contacts = contacts;
        this.forms = forms;
        this.clock = clock;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Optional<JsonObject> found = definitions.get("assets", id);
        if (found.isEmpty()) {
            metrics.rejected("unknown asset");
            Responses.error(ctx, 404, "unknown asset");
            return;
        }
        JsonObject asset = found.get();
        String gate = asset.getString("form");
        if (gate == null || tokens.valid(id, ctx.request().getParam("t"), clock.instant())) {
            serve(ctx, id, asset);
            return;
        }
        submitted(events.devices().fromRequest(ctx.request()), gate).onComplete(ar -> {
            if (ar.succeeded() && ar.result()) {
                serve(ctx, id, asset);
            } else {
                gatePage(ctx, id, asset, gate);
            }
        });
    }

    private void serve(RoutingContext ctx, String id, JsonObject asset) {
        JsonObject file = asset.getJsonObject("file");
        ByteRange range = file == null ? null : ByteRange.of(ctx.request().getHeader("Range"), file.getLong("size"));
        if (range == ByteRange.UNSATISFIABLE) {
            ctx.response().setStatusCode(416).putHeader("Content-Range", "bytes */" + file.getLong("size")).end();
            return;
        }
        Runnable reply = () -> {
            if (file == null) {
                ctx.response().setStatusCode(302).putHeader("Location", asset.getString("url")).putHeader("Cache-Control", "no-store").end();
            } else {
                send(ctx.response(), file, range);
            }
        };
        if (range != null && range.start() > 0) {
            reply.run(); // a download going on (a viewer reading further, a resumed transfer): counted at its start
            return;
        }
        String deviceId = events.devices().resolve(ctx.request(), ctx.response());
        TrackingEvent event = events.envelope(ctx.request(), new TrackerParameters(MultiMap.caseInsensitiveMultiMap()), Source.TRACKER)
                .setDeviceId(deviceId)
                .setPayload(AssetDownload.newBuilder().setAssetId(id).setReferrer(ctx.request().getHeader("Referer")).build())
                .build();
        AckedReply.send(publisher, metrics, ctx, event, "asset_download", reply);
    }

    private void send(HttpServerResponse response, JsonObject file, ByteRange range) {
        String name = file.getString("name");
        response.putHeader("Content-Type", file.getString("contentType"))
                .putHeader("Content-Disposition", "inline; filename=\"" + name.replaceAll("[^\\x20-\\x7e]", "_") + "\"; filename*=UTF-8''"
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"))
                .putHeader("Accept-Ranges", "bytes")
                .putHeader("ETag", "\"" + file.getString("sha256") + "\"")
                .putHeader("Cache-Control", "private, no-store") // each download is an event
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "sandbox"); // shown inline on the app's origin, a file runs nothing
        if (range != null) {
            response.setStatusCode(206).putHeader("Content-Range", "bytes " + range.start() + "-" + range.end() + "/" + file.getLong("size"));
        }
        files.send(response, file.getString("sha256"), file.getLong("size"), range);
    }

    /** Whether the device's contact (or one merged into it) has submitted the form; no for a stranger, or while that cannot be read. */
    private Future<Boolean> submitted(String deviceId, String form) {
        if (contacts == null || deviceId == null) {
            return Future.succeededFuture(false);
        }
        return Future.fromCompletionStage(contacts.profile(IdentityIds.anon(deviceId))).compose(profile -> {
            if (profile.isEmpty()) {
                return Future.succeededFuture(false);
            }
            List<String> ids = new ArrayList<>(profile.get().aliases());
            ids.add(profile.get().id());
            List<Future<Boolean>> asks = ids.stream().map(contact -> Future.fromCompletionStage(contacts.rows(
                    ContactFormSubmissionsTable.SELECT_BY_CONTACT_ID_AND_FORM_ID, contact, form))
                    .map(rows -> !rows.isEmpty())).toList();
            return Future.all(asks).map(all -> asks.stream().anyMatch(Future::result));
        }).recover(e -> {
            LOG.warn("Asset gate {}: the visitor's submissions cannot be read now ({}); the form is shown", form, e.toString());
            return Future.succeededFuture(false);
        });
    }

    /** The gate: the form, which sends the visitor back here with a pass once submitted. */
    private void gatePage(RoutingContext ctx, String id, JsonObject asset, String formId) {
        Optional<JsonObject> form = definitions.get("forms", formId);
        if (form.isEmpty()) {
            Responses.error(ctx, 403, "this asset needs form " + formId + " first, which is not defined");
            return;
        }
        Element markup = forms.markup(formId, form.get(), Map.of());
        Element back = markup.selectFirst("input[name=mauticform[return]]");
        if (back != null) {
            back.val("/asset/" + id);
        }
        Document page = Document.createShell("");
        page.title(asset.getString("title", id));
        page.head().prependElement("meta").attr("charset", "utf-8");
        page.body().appendElement("h1").text(asset.getString("title", id));
        page.body().appendElement("p").addClass("asset-gate").text("Fill in this form to download it.");
        page.body().appendChild(markup);
        if (markup.select(".mauticform-page-wrapper").size() > 1) {
            page.body().appendChild(FormPages.script());
        }
        ctx.response().setStatusCode(403).putHeader("Content-Type", "text/html; charset=utf-8").putHeader("Cache-Control", "no-store")
                .end(page.outerHtml());
    }
}
