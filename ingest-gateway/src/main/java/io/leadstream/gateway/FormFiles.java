package io.leadstream.gateway;

import io.leadstream.gateway.assets.FileTypes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.tika.mime.MediaType;

/**
 * A form's file fields: each upload checked against its field (size, extension, and bytes of the
 * type the extension names, read by Apache Tika), and kept only when the whole submission is taken.
 * A kept file is named by a new id, never by its content: erasing one person's submission deletes
 * their file and nobody else's. The submission's value is {@code {id}/{file name}}; marketers
 * download it at {@code GET /api/v1/forms/{form}/files/{id}}.
 */
public final class FormFiles {
    static final String TYPE = "file";
    /** A kept file's reference in a submission's values. */
    static final Pattern REFERENCE = Pattern.compile("([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(.+)");

    /** Uploads that passed, by field alias, and what is wrong with the others. */
    record Checked(Map<String, FileUpload> accepted, Map<String, String> errors) {
        static final Checked NONE = new Checked(Map.of(), Map.of());
    }

    private final Vertx vertx;
    private final Path dir;

    FormFiles(Vertx vertx, Path dir) {
        this.vertx = vertx;
        this.dir = dir;
    }

    /** Checks the request's uploads against the form's file fields (reading their bytes: on a worker). */
    Future<Checked> check(JsonObject form, RoutingContext ctx) {
        List<JsonObject> fields = form == null ? List.of() : form.getJsonArray("fields", new JsonArray()).stream()
                .map(JsonObject.class::cast).filter(f -> TYPE.equals(f.getString("type"))).toList();
        if (fields.isEmpty()) {
            return Future.succeededFuture(Checked.NONE);
        }
        List<FileUpload> uploads = ctx.fileUploads();
        return vertx.executeBlocking(() -> {
            Map<String, FileUpload> accepted = new LinkedHashMap<>();
            Map<String, String> errors = new LinkedHashMap<>();
            for (JsonObject field : fields) {
                String alias = field.getString("alias");
                FileUpload upload = uploads.stream().filter(u -> u.name().equals("mauticform[" + alias + "]") && u.size() > 0
                        && u.fileName() != null && !u.fileName().isBlank()).findFirst().orElse(null);
                if (upload == null) {
                    continue; // required or not: FormValidation says
                }
                String problem = problem(field, upload);
                if (problem == null) {
                    accepted.put(alias, upload);
                } else {
                    errors.put(alias, problem);
                }
            }
            return new Checked(accepted, errors);
        }, false);
    }

    private String problem(JsonObject field, FileUpload upload) throws IOException {
        int maxMb = field.getInteger("maxSizeMb", 2);
        if (upload.size() > maxMb * 1024L * 1024L) {
            return "the file is larger than " + maxMb + " MB";
        }
        List<String> extensions = field.getJsonArray("extensions", new JsonArray()).stream().map(String::valueOf).toList();
        String name = upload.fileName();
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT) : "";
        if (!extensions.contains(extension)) {
            return "only " + String.join(", ", extensions) + " files are taken";
        }
        MediaType found = FileTypes.detect(Path.of(upload.uploadedFileName()), name);
        if (!FileTypes.sameKind(found, FileTypes.ofExtension(extension))) {
            return "the file's content is " + found.getBaseType() + ", not a ." + extension + " file";
        }
        return null;
    }

    /** Keeps the accepted uploads (a worker's job); their references, by alias. */
    Future<Map<String, String>> keep(Map<String, FileUpload> accepted) {
        if (accepted.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        return vertx.executeBlocking(() -> {
            Files.createDirectories(dir);
            Map<String, String> references = new LinkedHashMap<>();
            for (Map.Entry<String, FileUpload> e : accepted.entrySet()) {
                String id = UUID.randomUUID().toString();
                Files.copy(Path.of(e.getValue().uploadedFileName()), dir.resolve(id));
                references.put(e.getKey(), id + "/" + e.getValue().fileName().replaceAll("[\\p{Cntrl}/\\\\\"]", "_"));
            }
            return references;
        }, false);
    }

    /** {@code GET /api/v1/forms/{id}/files/{file}}: a submitted file, as an attachment. */
    void download(RoutingContext ctx) {
        String file = ctx.pathParam("file");
        String name = ctx.queryParams().get("name");
        if (file == null || !REFERENCE.matcher(file + "/x").matches()) {
            Responses.error(ctx, 404, "no such file");
            return;
        }
        Path path = dir.resolve(file);
        vertx.fileSystem().exists(path.toString()).onComplete(ar -> {
            if (ar.failed() || !ar.result()) {
                Responses.error(ctx, 404, "no such file (or erased with its contact)");
                return;
            }
            String shown = name == null || name.isBlank() ? file : name.replaceAll("[^\\x20-\\x7e]|\"", "_");
            ctx.response().putHeader("Content-Type", "application/octet-stream")
                    .putHeader("Content-Disposition", "attachment; filename=\"" + shown + "\"")
                    .putHeader("X-Content-Type-Options", "nosniff").putHeader("Cache-Control", "private, no-store")
                    .sendFile(path.toString());
        });
    }

    /** Where kept files are: {@code form-files} in the asset folder. */
    public static Path dir(io.leadstream.common.config.LeadStreamConfig config) {
        return io.leadstream.gateway.assets.AssetFiles.dir(config).resolve("form-files");
    }

    /** Deletes the kept files a submission's values name (a GDPR erasure); how many were there. */
    public static int delete(Path dir, Map<String, String> values) {
        int deleted = 0;
        for (String v : values.values()) {
            var m = REFERENCE.matcher(v);
            if (m.matches()) {
                try {
                    if (Files.deleteIfExists(dir.resolve(m.group(1)))) {
                        deleted++;
                    }
                } catch (IOException ignored) {
                    // the row goes anyway; a leftover file is found by no reference
                }
            }
        }
        return deleted;
    }
}
