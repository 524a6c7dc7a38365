package io.leadstream.bench.pipeline;

import static io.leadstream.bench.BenchSupport.say;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.bench.BenchSupport;
import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/**
 * What the system did per event, counted where it happened, so that a change can be compared with
 * the run before it: Cassandra's client requests and executed statements (and writes per table),
 * Kafka's records per topic, and the records that crossed a network edge inside the engine. Read
 * before and after a window; the difference is divided by the window's events.
 */
final class SystemCounters {
    /** One reading of every counter; maps keyed by table, topic or engine vertex. */
    record Snapshot(long requests, long statements, long ownRequests, Map<String, Long> writes, Map<String, Long> partitionWrites,
                    Map<String, Long> reads, Map<String, Long> kafkaOffsets, Map<String, Long> networkRecordsIn) {
    }

    private final CqlSession session;
    private final LongSupplier ownRequests;
    private final String keyspace;
    private final BenchSupport.EndOffsets offsets;
    private final EngineMetrics engine;

    /** {@code ownRequests}: the requests {@code session} sent so far, the benchmark's own, left out of the system's. */
    SystemCounters(CqlSession session, LongSupplier ownRequests, String keyspace, BenchSupport.EndOffsets offsets, EngineMetrics engine) {
        this.session = session;
        this.ownRequests = ownRequests;
        this.keyspace = keyspace;
        this.offsets = offsets;
        this.engine = engine;
    }

    Snapshot read() throws Exception {
        long own = ownRequests.getAsLong();
        // Cassandra 5.0's virtual tables: requests per client connection, statements executed, and per
        // table the coordinator's writes and reads (a batch is one) and the partitions written.
        long requests = 0;
        for (Row r : session.execute("SELECT request_count FROM system_views.clients")) {
            requests += r.getLong(0);
        }
        long statements = 0;
        for (Row r : session.execute("SELECT name, value FROM system_views.cql_metrics")) {
            if (r.getString(0).endsWith("_statements_executed")) {
                statements += Math.round(r.getDouble(1));
            }
        }
        Map<String, Long> kafka = new TreeMap<>();
        for (String topic : offsets.topics()) {
            kafka.put(topic, offsets.sum(topic));
        }
        return new Snapshot(requests, statements, own, perTable("coordinator_write_latency"), perTable("local_write_latency"),
                perTable("coordinator_read_latency"), kafka, engine.networkRecordsIn());
    }

    private Map<String, Long> perTable(String view) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : session.execute("SELECT table_name, count FROM system_views." + view + " WHERE keyspace_name = ?", keyspace)) {
            out.put(r.getString(0), r.getLong(1));
        }
        return out;
    }

    /**
     * The difference between two readings per event, printed and as the JSON line's keys. Client
     * connections opened and closed within the window are not counted (their requests left with them).
     */
    static JsonObject perEvent(Snapshot from, Snapshot to, long events) {
        long own = to.ownRequests() - from.ownRequests();
        double requests = (to.requests() - from.requests() - own) / (double) events;
        double statements = (to.statements() - from.statements() - own) / (double) events;
        Map<String, Double> writes = perEvent(from.writes(), to.writes(), events);
        Map<String, Double> partitions = perEvent(from.partitionWrites(), to.partitionWrites(), events);
        Map<String, Double> reads = perEvent(from.reads(), to.reads(), events);
        JsonObject byTable = new JsonObject();
        Set<String> tables = new TreeSet<>(writes.keySet());
        tables.addAll(reads.keySet());
        for (String table : tables) {
            byTable.put(table, new JsonObject().put("writes", round(writes.getOrDefault(table, 0.0)))
                    .put("partitionWrites", round(partitions.getOrDefault(table, 0.0))).put("reads", round(reads.getOrDefault(table, 0.0))));
        }
        Map<String, Double> topics = perEvent(from.kafkaOffsets(), to.kafkaOffsets(), events);
        Map<String, Double> vertices = perEvent(from.networkRecordsIn(), to.networkRecordsIn(), events);
        double kafka = topics.values().stream().mapToDouble(Double::doubleValue).sum();
        double network = vertices.values().stream().mapToDouble(Double::doubleValue).sum();

        say("Per event (%,d events; the benchmark's own %,d Cassandra requests left out):", events, own);
        say("  Cassandra: %.2f client requests, %.2f statements executed; per table (writes / partitions written / reads):", requests, statements);
        byTable.stream().sorted((a, b) -> Double.compare(((JsonObject) b.getValue()).getDouble("writes"), ((JsonObject) a.getValue()).getDouble("writes")))
                .forEach(e -> {
                    JsonObject t = (JsonObject) e.getValue();
                    say("    %-32s %7.3f %7.3f %7.3f", e.getKey(), t.getDouble("writes"), t.getDouble("partitionWrites"), t.getDouble("reads"));
                });
        say("  Kafka: %.2f records (end offsets; a transactional topic's commit markers take offsets too):", kafka);
        sortedDesc(topics).forEach((topic, n) -> say("    %-40s %7.3f", topic, n));
        say("  Engine: %.2f records received over a network edge:", network);
        sortedDesc(vertices).forEach((vertex, n) -> say("    %-60s %7.3f", vertex.length() > 60 ? vertex.substring(0, 57) + "..." : vertex, n));

        return new JsonObject()
                .put("cassandraRequestsPerEvent", round(requests))
                .put("cassandraStatementsPerEvent", round(statements))
                .put("cassandraPerEventByTable", byTable)
                .put("kafkaRecordsPerEvent", round(kafka))
                .put("kafkaRecordsPerEventByTopic", json(sortedDesc(topics)))
                .put("networkRecordsPerEvent", round(network))
                .put("networkRecordsPerEventByVertex", json(sortedDesc(vertices)));
    }

    /** Per key, (to - from) / events, keys that did not move left out. */
    private static Map<String, Double> perEvent(Map<String, Long> from, Map<String, Long> to, long events) {
        Map<String, Double> out = new LinkedHashMap<>();
        to.forEach((k, v) -> {
            long d = v - from.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d / (double) events);
            }
        });
        return out;
    }

    private static Map<String, Double> sortedDesc(Map<String, Double> m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static JsonObject json(Map<String, Double> m) {
        JsonObject out = new JsonObject();
        m.forEach((k, v) -> out.put(k, round(v)));
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
