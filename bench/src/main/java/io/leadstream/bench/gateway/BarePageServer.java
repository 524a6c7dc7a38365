package io.leadstream.bench.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling for the landing-page route: a bare Vert.x server answering every request with the
 * bytes and headers the gateway answered for the page (taken from the gateway itself before the
 * run), from memory, and doing nothing else: no routing, no lookup, no visitor.
 */
final class BarePageServer implements AutoCloseable {
    private final Vertx vertx = Vertx.vertx();
    private final Buffer body;
    private final MultiMap headers;
    private HttpServer server;

    BarePageServer(Buffer body, MultiMap headers) {
        this.body = body;
        this.headers = MultiMap.caseInsensitiveMultiMap().addAll(headers).remove("content-length").remove("date");
    }

    BarePageServer start(String host) throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(0))
                .requestHandler(req -> {
                    Thread current = Thread.currentThread();
                    if (!current.getName().startsWith("bare-")) {
                        current.setName("bare-" + current.getName()); // told apart from the gateway's loops in profiles
                    }
                    req.response().headers().addAll(headers);
                    req.response().end(body);
                })
                .listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        return this;
    }

    int port() {
        return server.actualPort();
    }

    @Override
    public void close() {
        BareGifServer.closeQuietly(server, vertx);
    }
}
