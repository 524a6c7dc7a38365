package io.leadstream.bench;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.JobID;

/** Reads an operator's counter through Flink's REST API: the vertex that holds the operator, the metric summed over its subtasks. */
public final class OperatorMetrics {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private OperatorMetrics() {}

    static long sum(String rest, JobID job, String operator, String counter) throws Exception {
        for (Object v : get(rest + "/jobs/" + job).getJsonArray("vertices")) {
            JsonObject vertex = (JsonObject) v;
            if (!vertex.getString("name").contains(operator)) {
                continue;
            }
            String base = rest + "/jobs/" + job + "/vertices/" + vertex.getString("id") + "/subtasks/metrics";
            for (Object m : getArray(base)) {
                String id = ((JsonObject) m).getString("id");
                if (id.endsWith(operator + "." + counter)) {
                    JsonArray values = getArray(base + "?agg=sum&get=" + URLEncoder.encode(id, StandardCharsets.UTF_8));
                    return values.isEmpty() ? 0 : Math.round(values.getJsonObject(0).getDouble("sum"));
                }
            }
        }
        throw new IllegalStateException("No counter " + counter + " of operator " + operator + " in job " + job);
    }

    /** A REST resource that answers an object ({@code /jobs/<id>}). */
    public static JsonObject get(String url) throws Exception {
        return new JsonObject(fetch(url));
    }

    /** A REST resource that answers an array ({@code .../subtasks/metrics}). */
    public static JsonArray getArray(String url) throws Exception {
        return new JsonArray(fetch(url));
    }

    private static String fetch(String url) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
