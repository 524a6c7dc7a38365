package io.leadstream.bench.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * The reference ceiling: a bare Vert.x HTTP server set up as the gateway sets up its own
 * ({@code Vertx.vertx()} defaults, one {@code HttpServer}) that answers every request with the
 * gateway's pixel response, byte for byte the same headers (Content-Type, Cache-Control, the
 * device-id Set-Cookie) and the same 43-byte GIF, and does nothing else: no routing, no Avro, no Kafka.
 */
public final class BareGifServer implements AutoCloseable {
    static final byte[] GIF = Base64.getDecoder().decode("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==");
    private static final String COOKIE_PREFIX = "mautic_device_id=";
    private static final CharSequence IMAGE_GIF = HttpHeaders.createOptimized("image/gif");
    private static final CharSequence NO_STORE = HttpHeaders.createOptimized("no-store, no-cache, must-revalidate, max-age=0");

    private final Vertx vertx = Vertx.vertx();
    private final Buffer body = Buffer.buffer(GIF);
    private HttpServer server;

    public BareGifServer start(String host) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0))
                .requestHandler(req -> {
                    Thread current = Thread.currentThread();
                    if (!current.getName().startsWith("bare-")) {
                        current.setName("bare-" + current.getName()); // told apart from the gateway's loops in profiles
                    }
                    HttpServerResponse response = req.response();
                    String id = deviceId(req.getHeader(HttpHeaders.COOKIE));
                    if (id != null) {
                        response.addCookie(Cookie.cookie("mautic_device_id", id).setPath("/").setMaxAge(2L * 365 * 24 * 3600)
                                .setHttpOnly(false).setSameSite(CookieSameSite.LAX));
                    }
                    response.putHeader(HttpHeaders.CONTENT_TYPE, IMAGE_GIF)
                            .putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE)
                            .end(body);
                })
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    /** The cookie's value by a plain scan: the ceiling should not pay for a cookie decoder. */
    private static String deviceId(String cookieHeader) {
        if (cookieHeader == null) {
            return null;
        }
        int i = cookieHeader.indexOf(COOKIE_PREFIX);
        if (i < 0) {
            return null;
        }
        int start = i + COOKIE_PREFIX.length();
        int end = cookieHeader.indexOf(';', start);
        return cookieHeader.substring(start, end < 0 ? cookieHeader.length() : end).trim();
    }

    @Override
    public void close() {
        closeQuietly(server, vertx);
    }

    /** Stops a bare server and its Vertx, whatever happens: the benchmark is ending. */
    static void closeQuietly(HttpServer server, Vertx vertx) {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        vertx.close();
    }
}
