package io.leadstream.gateway.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadstream.common.email.EmailToken;
import io.leadstream.common.email.SignedTokens;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The preference center's gate: a token that is not an unsubscribe token this gateway signed gets a
 * 403 page, and a form it cannot take a 400 page, before any contact is read (no store here: it
 * would fail the test if touched).
 */
class PreferenceCenterTest {
    private static final String SECRET = "preference-center-test-secret-0123456789";
    private final SignedTokens tokens = new SignedTokens(SECRET);
    private final AtomicInteger badTokens = new AtomicInteger();
    private final HttpClient http = HttpClient.newHttpClient();
    private Vertx vertx;
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        vertx = Vertx.vertx();
        PreferenceCenter center = new PreferenceCenter(tokens, null, null, null, Clock.systemUTC(), badTokens::incrementAndGet,
                ctx -> ctx.response().end("plain"));
        Router router = Router.router(vertx);
        router.get("/email/unsubscribe/:token").handler(center::page);
        router.post("/email/preferences/:token").handler(BodyHandler.create()).handler(center::save);
        server = vertx.createHttpServer().requestHandler(router).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTamperedForeignOrWrongKindTokenIsRefusedWith403() throws Exception {
        String good = tokens.sign(EmailToken.unsubscribe("send-1", "news", "contact-1"));
        String tampered = good.substring(0, good.indexOf('.') - 2) + "AA" + good.substring(good.indexOf('.'));
        String foreign = new SignedTokens("another-secret-another-secret-0123456789").sign(EmailToken.unsubscribe("send-1", "news", "contact-1"));
        String open = tokens.sign(EmailToken.open("send-1", "news", "contact-1"));
        for (String token : new String[] {tampered, foreign, open, "not-a-token"}) {
            HttpResponse<String> page = get("/email/unsubscribe/" + token);
            assertThat(page.statusCode()).as(token).isEqualTo(403);
            assertThat(page.body()).contains("This link does not work").contains("Open it again from one of our emails.");
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            assertThat(post("/email/preferences/" + token, "frequency_max=1").statusCode()).as(token).isEqualTo(403);
        }
        assertThat(badTokens).hasValue(8);
    }

    @Test
    void aFormItCannotTakeIsRefusedWith400AndAClearMessage() throws Exception {
        String good = tokens.sign(EmailToken.unsubscribe("send-1", "news", "contact-1"));
        HttpResponse<String> refused = post("/email/preferences/" + good, "frequency_max=0&frequency_period=week");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Not saved").contains("How often must be a whole number from 1 to 100");
        assertThat(badTokens).hasValue(0);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + server.actualPort() + path))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
