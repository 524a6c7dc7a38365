package io.leadstream.gateway.imports;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One CSV file on its way into contacts and a segment: what the API shows while it runs. Counters
 * are written by the import thread and Kafka's callbacks and read by event loops, hence atomics.
 */
public final class ImportJob {
    /** Rejections shown inline; every one of them is in the errors file. */
    static final int ERRORS_SHOWN = 100;

    public enum State { RUNNING, DONE, FAILED }

    private final String id;
    private final String segment;
    private final String fileName;
    private final long bytes;
    private final JsonObject columns;
    private final Instant startedAt = Instant.now();
    final AtomicLong rows = new AtomicLong();
    final AtomicLong accepted = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong existing = new AtomicLong();
    private final List<JsonObject> firstErrors = new ArrayList<>();
    private volatile State state = State.RUNNING;
    private volatile Instant finishedAt;
    private volatile String failure;

    ImportJob(String id, String segment, String fileName, long bytes, JsonObject columns) {
        this.id = id;
        this.segment = segment;
        this.fileName = fileName;
        this.bytes = bytes;
        this.columns = columns;
    }

    public String id() {
        return id;
    }

    public String segment() {
        return segment;
    }

    public State state() {
        return state;
    }

    synchronized void rejectedRow(long line, String reason) {
        rejected.incrementAndGet();
        if (firstErrors.size() < ERRORS_SHOWN) {
            firstErrors.add(new JsonObject().put("line", line).put("reason", reason));
        }
    }

    void finished(String failureOrNull) {
        failure = failureOrNull;
        finishedAt = Instant.now();
        state = failureOrNull == null ? State.DONE : State.FAILED;
    }

    public synchronized JsonObject toJson() {
        Instant end = finishedAt == null ? Instant.now() : finishedAt;
        double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        return new JsonObject()
                .put("id", id)
                .put("segment", segment)
                .put("file", fileName)
                .put("bytes", bytes)
                .put("state", state.name().toLowerCase())
                .put("columns", columns)
                .put("rows", rows.get())
                .put("accepted", accepted.get())
                .put("rejected", rejected.get())
                .put("existingContacts", existing.get())
                .put("rowsPerSecond", Math.round(rows.get() / seconds))
                .put("startedAt", startedAt.toString())
                .put("finishedAt", finishedAt == null ? null : finishedAt.toString())
                .put("failure", failure)
                .put("errors", new JsonArray(List.copyOf(firstErrors)))
                .put("allErrors", "/api/v1/imports/" + id + "/errors");
    }
}
