package io.leadstream.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A request's body streamed to a new file with back-pressure, never held in memory (CSV imports,
 * asset files). Past {@code maxBytes} (by Content-Length before anything is read, or as it arrives)
 * the answer is 413 naming the limit, the connection is closed and the partial file deleted: nothing
 * is kept. The request must have been paused before any asynchronous step.
 */
public final class UploadReceiver {
    private UploadReceiver() {}

    /** Receives into {@code file} (created, with its folder); {@code done} once it is whole and closed. */
    public static void toFile(RoutingContext ctx, Vertx vertx, Path file, long maxBytes, String limitName, Runnable done) {
        HttpServerRequest request = ctx.request();
        String length = request.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,19}") && Long.parseLong(length) > maxBytes) {
            tooLarge(ctx, maxBytes, limitName);
            return;
        }
        vertx.fileSystem().mkdirs(file.getParent().toString())
                .compose(v -> vertx.fileSystem().open(file.toString(), new OpenOptions().setCreateNew(true).setWrite(true)))
                .onFailure(e -> Responses.notStored(ctx, "upload", e))
                .onSuccess(out -> receive(ctx, out, file, maxBytes, limitName, done));
    }

    private static void receive(RoutingContext ctx, AsyncFile out, Path file, long maxBytes, String limitName, Runnable done) {
        HttpServerRequest request = ctx.request();
        long[] received = {0};
        request.handler(chunk -> {
            received[0] += chunk.length();
            if (received[0] > maxBytes) {
                request.handler(null);
                out.close().onComplete(x -> delete(file));
                tooLarge(ctx, maxBytes, limitName);
                request.connection().close();
                return;
            }
            out.write(chunk);
            if (out.writeQueueFull()) {
                request.pause();
                out.drainHandler(v -> request.resume());
            }
        });
        request.exceptionHandler(e -> out.close().onComplete(x -> delete(file)));
        request.endHandler(v -> {
            if (received[0] <= maxBytes) {
                out.close().onSuccess(x -> done.run()).onFailure(e -> {
                    delete(file);
                    Responses.notStored(ctx, "upload", e);
                });
            }
        });
        request.resume();
    }

    private static void tooLarge(RoutingContext ctx, long maxBytes, String limitName) {
        Responses.error(ctx, 413, "file larger than " + limitName + " (" + maxBytes + " bytes): nothing was stored");
    }

    /** Deletes a file if it is there; a leftover in an upload folder is read by nothing. */
    public static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // see above
        }
    }
}
