package io.leadstream.gateway.assets;

import io.leadstream.common.config.LeadStreamConfig;
import io.leadstream.gateway.GatewayOptions;
import io.leadstream.gateway.Responses;
import io.leadstream.gateway.UploadReceiver;
import io.leadstream.gateway.definitions.DefinitionsApi;
import io.leadstream.gateway.definitions.DefinitionsCache;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.tika.mime.MediaType;

/**
 * {@code PUT /api/v1/assets/{id}/file?name=guide.pdf}: the body is the file, its Content-Type the
 * type it is sent as. Refused, with nothing stored: a type not in {@code gateway.asset-types} (415),
 * bytes that are not of the type sent (415: Apache Tika reads their signature), more than
 * {@code gateway.asset-max-bytes} (413). A file taken is kept under its hash ({@link AssetStore}) and
 * the asset's definition is stored with it ({@code file}: name, type, size, hash), keeping its title
 * and gate; a redirect {@code url} it had is dropped.
 */
public final class AssetUploadApi {
    private final Vertx vertx;
    private final AssetStore files;
    private final DefinitionsCache definitions;
    private final DefinitionsApi store;
    private final long maxBytes;
    private final Set<String> allowed;

    public AssetUploadApi(Vertx vertx, LeadStreamConfig config, AssetStore files, DefinitionsCache definitions, DefinitionsApi store) {
        this.vertx = vertx;
        this.files = files;
        this.definitions = definitions;
        this.store = store;
        this.maxBytes = config.get(GatewayOptions.ASSET_MAX_BYTES);
        this.allowed = Arrays.stream(config.get(GatewayOptions.ASSET_TYPES).split(",")).map(t -> t.strip().toLowerCase(Locale.ROOT))
                .filter(t -> !t.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public void upload(RoutingContext ctx) {
        ctx.request().pause();
        String id = ctx.pathParam("id");
        if (id == null || !id.matches("[A-Za-z0-9_-]{1,64}")) {
            Responses.error(ctx, 400, "id: letters, digits, - and _ (max 64)");
            return;
        }
        String declared = baseType(ctx.request().getHeader("Content-Type"));
        if (declared == null || !allowed.contains(declared)) {
            Responses.error(ctx, 415, "an asset cannot be of type " + declared + " (gateway.asset-types: "
                    + allowed.stream().sorted().collect(Collectors.joining(", ")) + "): nothing was stored");
            return;
        }
        String name = fileName(ctx.queryParams().get("name"), id);
        Path received = files.incoming();
        UploadReceiver.toFile(ctx, vertx, received, maxBytes, "gateway.asset-max-bytes", () -> vertx.<Kept>executeBlocking(() -> {
            MediaType found = FileTypes.detect(received, name);
            if (!FileTypes.sameKind(found, MediaType.parse(declared))) {
                Files.deleteIfExists(received);
                throw new WrongType("the file's content is " + found.getBaseType() + ", not " + declared + " as sent: nothing was stored");
            }
            long size = Files.size(received);
            return new Kept(files.keep(received), size);
        }, false).onFailure(e -> {
            UploadReceiver.delete(received);
            if (e instanceof WrongType) {
                Responses.error(ctx, 415, e.getMessage());
            } else {
                Responses.notStored(ctx, "asset file", e);
            }
        }).onSuccess(kept -> stored(ctx, id, name, declared, kept)));
    }

    private record Kept(String sha256, long size) {}

    private void stored(RoutingContext ctx, String id, String name, String type, Kept kept) {
        JsonObject doc = definitions.get("assets", id).map(JsonObject::copy).orElseGet(() -> new JsonObject().put("title", name));
        doc.remove("url");
        boolean existed = definitions.get("assets", id).isPresent();
        doc.put("file", new JsonObject().put("name", name).put("contentType", type).put("size", kept.size())
                .put("sha256", kept.sha256()).put("uploadedAt", Instant.now().toString()));
        store.store("assets", id, doc).onFailure(e -> Responses.notStored(ctx, "asset definition", e)).onSuccess(problems -> {
            if (!problems.isEmpty()) {
                Responses.unprocessable(ctx, "the asset with this file is not a valid definition: it was not changed", problems);
                return;
            }
            ctx.response().setStatusCode(existed ? 200 : 201);
            Responses.json(ctx, doc.put("id", id));
        });
    }

    private static String baseType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return null;
        }
        return contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
    }

    /** The name a download is given: the last part of what was sent, without controls or quotes, at most 255 characters. */
    static String fileName(String sent, String id) {
        String name = sent == null ? "" : sent.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}\"]", "").strip();
        if (name.isEmpty() || name.equals(".") || name.equals("..")) {
            name = id;
        }
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static final class WrongType extends Exception {
        WrongType(String message) {
            super(message);
        }
    }
}
