package io.leadstream.sink.cassandra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.java.functions.KeySelector;

/** Holds a checkpoint's elements (the newest per key, when coalescing) and hands them over as its committable. */
final class BufferingSinkWriter<T> implements CommittingSinkWriter<T, List<T>> {
    private final KeySelector<T, String> coalesceBy;
    private final Map<String, T> latest = new LinkedHashMap<>();
    private final List<T> all = new ArrayList<>();

    BufferingSinkWriter(KeySelector<T, String> coalesceBy) {
        this.coalesceBy = coalesceBy;
    }

    @Override
    public void write(T element, Context context) throws java.io.IOException {
        if (coalesceBy == null) {
            all.add(element);
            return;
        }
        try {
            String key = coalesceBy.getKey(element);
            latest.remove(key); // re-inserted last: the newest element's position
            latest.put(key, element);
        } catch (Exception e) {
            throw new java.io.IOException("coalescing key of " + element, e);
        }
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing to write yet: the committer writes once the checkpoint is complete.
    }

    @Override
    public Collection<List<T>> prepareCommit() {
        List<T> batch = coalesceBy == null ? new ArrayList<>(all) : new ArrayList<>(latest.values());
        all.clear();
        latest.clear();
        return batch.isEmpty() ? List.of() : List.of(batch);
    }

    @Override
    public void close() {}
}
