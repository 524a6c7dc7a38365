package io.leadstream.gateway;

import io.leadstream.common.config.GatewayOptions;
import io.leadstream.common.config.LeadStreamConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The ingest gateway: HTTP routes in front of the Kafka publisher. */
public final class GatewayServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final LeadStreamConfig config;
    private final Vertx vertx;
    private final EventPublisher publisher;
    private final Router router;
    private HttpServer server;

    public GatewayServer(LeadStreamConfig config) {
        this.config = config;
        this.vertx = Vertx.vertx();
        this.publisher = new EventPublisher(vertx, config);
        this.router = Router.router(vertx);
        TrackingEvents events = new TrackingEvents(Clock.systemUTC());
        router.get("/mtracking.gif").handler(new TrackingPixelHandler(publisher, events));
        router.post("/form/submit")
                .handler(BodyHandler.create(false).setBodyLimit(64 * 1024).setHandleFileUploads(false))
                .handler(new FormSubmitHandler(publisher, events, Clock.systemUTC()));
        router.get("/health").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", "UP").put("kafkaInFlight", publisher.inFlight()).encode()));
    }

    /** Extra routes (the launcher's demo page) before {@link #start()}. */
    public Router router() {
        return router;
    }

    public Vertx vertx() {
        return vertx;
    }

    public GatewayServer start() {
        publisher.warmUp(java.time.Duration.ofSeconds(60));
        HttpServerOptions options = new HttpServerOptions()
                .setHost(config.get(GatewayOptions.HOST))
                .setPort(config.get(GatewayOptions.PORT));
        try {
            server = vertx.createHttpServer(options).requestHandler(router).listen()
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("Gateway cannot listen on " + options.getHost() + ":" + options.getPort(), e);
        }
        LOG.info("Gateway listening on {}", baseUrl());
        return this;
    }

    public int port() {
        return server.actualPort();
    }

    /** The public URL when configured, else http://localhost:PORT. */
    public String baseUrl() {
        String publicUrl = config.get(GatewayOptions.PUBLIC_URL);
        return publicUrl.isBlank() ? "http://localhost:" + port() : publicUrl.replaceAll("/+$", "");
    }

    @Override
    public void close() {
        try {
            if (server != null) {
                server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            LOG.warn("Closing HTTP server: {}", e.toString());
        }
        publisher.close();
        vertx.close();
    }
}
