package io.leadstream.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.nio.file.Path;
import java.util.Locale;

/** How the gateway's routes read request bodies: in memory within a limit, and a form's files to disk. */
final class RequestBodies {
    private RequestBodies() {}

    /** A body in memory, at most {@code limit} bytes (413 beyond); never files. */
    static BodyHandler limited(int limit) {
        return BodyHandler.create(false).setBodyLimit(limit).setHandleFileUploads(false);
    }

    /**
     * A form's body: a multipart one may carry files (a file field's), streamed to the temp folder up
     * to {@code uploadLimit} and deleted when the request ends (kept files are copied before); any
     * other stays within {@code limit}, in memory.
     */
    static Handler<RoutingContext> form(int limit, long uploadLimit) {
        BodyHandler small = limited(limit);
        BodyHandler uploads = BodyHandler.create(Path.of(System.getProperty("java.io.tmpdir"), "leadstream-form-uploads").toString())
                .setBodyLimit(uploadLimit).setHandleFileUploads(true).setDeleteUploadedFilesOnEnd(true);
        return ctx -> {
            String type = ctx.request().getHeader("Content-Type");
            (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/") ? uploads : small).handle(ctx);
        };
    }
}
