package io.leadstream.bench.pipeline;

import io.leadstream.bench.OperatorMetrics;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine job's figures through Flink's REST API: the records each vertex received over the
 * network (an edge between two tasks that are not chained), and the records its Kafka sources have
 * yet to read.
 */
final class EngineMetrics {
    private static final String PENDING = ".pendingRecords";
    /** Longer than a fetch of every task's metrics takes, and than the fetcher's interval (EmbeddedFlink: 1 s). */
    private static final long FETCH_WAIT_MS = 1500;

    private final String rest;
    private final String job;
    /** Per vertex id, its sources' pendingRecords metric ids; found once the readers have their partitions. */
    private final Map<String, List<String>> pendingIds = new LinkedHashMap<>();
    private Set<String> networkInputs;

    private EngineMetrics(String rest, String job) {
        this.rest = rest;
        this.job = job;
    }

    /** The running job called {@code name}. */
    static EngineMetrics of(String rest, String name) throws Exception {
        for (Object o : OperatorMetrics.get(rest + "/jobs/overview").getJsonArray("jobs")) {
            JsonObject j = (JsonObject) o;
            if (name.equals(j.getString("name")) && "RUNNING".equals(j.getString("state"))) {
                return new EngineMetrics(rest, j.getString("jid"));
            }
        }
        throw new IllegalStateException("no running job " + name + " at " + rest);
    }

    /**
     * Per vertex with a network input (an upstream task it is not chained to), the records its tasks
     * received so far (their numRecordsIn, "read-records"). Flink fetches task metrics when asked and
     * answers with what it had before: asked twice, a second apart, the answer is current.
     */
    Map<String, Long> networkRecordsIn() throws Exception {
        if (networkInputs == null) {
            networkInputs = new HashSet<>();
            for (Object n : OperatorMetrics.get(rest + "/jobs/" + job + "/plan").getJsonObject("plan").getJsonArray("nodes")) {
                JsonObject node = (JsonObject) n;
                if (!node.getJsonArray("inputs", new JsonArray()).isEmpty()) {
                    networkInputs.add(node.getString("id"));
                }
            }
        }
        OperatorMetrics.get(rest + "/jobs/" + job);
        Thread.sleep(FETCH_WAIT_MS);
        Map<String, Long> out = new LinkedHashMap<>();
        for (Object v : OperatorMetrics.get(rest + "/jobs/" + job).getJsonArray("vertices")) {
            JsonObject vertex = (JsonObject) v;
            if (networkInputs.contains(vertex.getString("id"))) {
                JsonObject metrics = vertex.getJsonObject("metrics", new JsonObject());
                out.merge(vertex.getString("name"), metrics.getLong("read-records", 0L), Long::sum);
            }
        }
        return out;
    }

    /** Records the Kafka sources have yet to read, per source ("raw-events", ...): their readers' pendingRecords. */
    Map<String, Long> pendingRecords() throws Exception {
        if (pendingIds.isEmpty()) {
            for (Object v : OperatorMetrics.get(rest + "/jobs/" + job).getJsonArray("vertices")) {
                String vertex = ((JsonObject) v).getString("id");
                List<String> ids = new ArrayList<>();
                for (Object m : OperatorMetrics.getArray(subtaskMetrics(vertex))) {
                    String id = ((JsonObject) m).getString("id");
                    if (id.endsWith(PENDING)) {
                        ids.add(id);
                    }
                }
                if (!ids.isEmpty()) {
                    pendingIds.put(vertex, ids);
                }
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : pendingIds.entrySet()) {
            JsonArray values = OperatorMetrics.getArray(subtaskMetrics(e.getKey()) + "?agg=sum&get="
                    + URLEncoder.encode(String.join(",", e.getValue()), StandardCharsets.UTF_8));
            for (Object o : values) {
                JsonObject m = (JsonObject) o;
                String id = m.getString("id");
                // "Source__raw-events.pendingRecords": the source's name as the job gave it.
                String source = id.substring(0, id.length() - PENDING.length()).replaceFirst("^Source__", "");
                out.merge(source, Math.round(m.getDouble("sum", 0.0)), Long::sum);
            }
        }
        return out;
    }

    private String subtaskMetrics(String vertex) {
        return rest + "/jobs/" + job + "/vertices/" + vertex + "/subtasks/metrics";
    }
}
