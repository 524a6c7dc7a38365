package io.leadstream.bench.gateway;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;

/**
 * The landing page the page route asks for: a marketing page of a few kilobytes (a style block, a
 * hero, a feature list, an embedded four-field form and a link to another page), defined through
 * the gateway's API as a marketer would.
 */
final class BenchLandingPage {
    /** What the gateway answered for the page. */
    record Answer(Buffer body, MultiMap headers) {}

    private BenchLandingPage() {}

    static void define(String baseUrl, String token) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        put(http, baseUrl, token, "forms/bench-signup", new JsonObject().put("name", "Get the offer").put("message", "Thank you")
                .put("fields", new JsonArray()
                        .add(new JsonObject().put("alias", "email").put("type", "email").put("required", true).put("label", "Work email"))
                        .add(new JsonObject().put("alias", "firstname").put("label", "First name"))
                        .add(new JsonObject().put("alias", "company").put("label", "Company"))
                        .add(new JsonObject().put("alias", "country").put("type", "select").put("label", "Country")
                                .put("options", new JsonArray().add(option("Germany")).add(option("France")).add(option("Spain")).add(option("Italy"))))));
        put(http, baseUrl, token, "pages/bench-terms", new JsonObject().put("title", "Terms").put("alias", "bench-terms")
                .put("content", "<h1>Terms</h1><p>The offer ends with the season.</p>"));
        StringBuilder features = new StringBuilder("<ul class='features'>");
        for (int i = 1; i <= 12; i++) {
            features.append("<li><h3>Feature ").append(i).append("</h3><p>What feature ").append(i)
                    .append(" does for a small team, in one sentence that a visitor reads in passing.</p></li>");
        }
        features.append("</ul>");
        String content = "<html><head><style>body{font-family:sans-serif;margin:0}.hero{padding:4rem 2rem;background:#0b5;color:#fff}"
                + ".features{display:grid;grid-template-columns:repeat(3,1fr);gap:1rem}.features li{list-style:none}"
                + "form{max-width:28rem}label{display:block;margin-top:.5rem}</style></head><body>"
                + "<section class='hero'><h1>The spring offer</h1><p>Three months free for teams that sign up this season.</p></section>"
                + "<main>" + features + "<h2>Get the offer</h2>{form=bench-signup}"
                + "<p><a href='{pagelink=bench-terms}'>Terms of the offer</a></p></main>"
                + "<footer><p>Example Shop, 1 Market Street</p></footer></body></html>";
        put(http, baseUrl, token, "pages/bench-offer", new JsonObject().put("title", "The spring offer").put("alias", GatewayLoadBenchmark.PAGE_ALIAS)
                .put("metaDescription", "Three months free for teams").put("content", content));
    }

    private static JsonObject option(String value) {
        return new JsonObject().put("value", value);
    }

    static Answer fetch(Vertx vertx, String host, int port, String path) throws Exception {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port));
        try {
            return client.request(new RequestOptions().setMethod(HttpMethod.GET).setURI(path)).compose(HttpClientRequest::send)
                    .compose(r -> r.body().map(b -> {
                        if (r.statusCode() != 200) {
                            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + b);
                        }
                        return new Answer(b, MultiMap.caseInsensitiveMultiMap().addAll(r.headers()));
                    }))
                    .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    private static void put(HttpClient http, String baseUrl, String token, String kindAndId, JsonObject doc) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/" + kindAndId))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(doc.encode())).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException("PUT " + kindAndId + ": " + r.statusCode() + " " + r.body());
        }
    }
}
