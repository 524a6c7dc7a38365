package io.leadstream.launcher;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How CLI commands reach a running LeadStream: the gateway's URL and an API token, from options or
 * the same variables the local run reads. Mixed into each command that calls /api/v1.
 */
final class ApiClient {
    @Option(names = "--url", description = "Gateway base URL (default: $LEADSTREAM_URL or http://localhost:8080).")
    String url;

    @Option(names = "--token", description = "API bearer token (default: $LEADSTREAM_API_TOKEN; the local run prints it).")
    String token;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    String base() {
        String u = url != null ? url : System.getenv().getOrDefault("LEADSTREAM_URL", "http://localhost:8080");
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        String t = token != null ? token : System.getenv("LEADSTREAM_API_TOKEN");
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base() + pathAndQuery)).timeout(Duration.ofMinutes(30));
        return t == null ? b : b.header("Authorization", "Bearer " + t);
    }

    HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    JsonObject getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = send(request(pathAndQuery).GET().build());
        if (r.statusCode() != 200) {
            throw new ApiError(r);
        }
        return new JsonObject(r.body());
    }

    /** A non-2xx answer, told the way the API tells it: {"error": {"message", "problems"}}. */
    static final class ApiError extends IOException {
        ApiError(HttpResponse<String> r) {
            super(describe(r));
        }

        private static String describe(HttpResponse<String> r) {
            try {
                JsonObject error = new JsonObject(r.body()).getJsonObject("error");
                StringBuilder s = new StringBuilder("HTTP " + r.statusCode() + ": " + error.getString("message"));
                if (error.getJsonArray("problems") != null) {
                    error.getJsonArray("problems").forEach(p -> s.append("\n  - ").append(p));
                }
                return s.toString();
            } catch (RuntimeException notJson) {
                return "HTTP " + r.statusCode() + ": " + r.body();
            }
        }
    }
}
