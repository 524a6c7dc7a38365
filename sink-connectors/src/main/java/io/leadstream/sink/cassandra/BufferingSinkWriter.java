package io.leadstream.sink.cassandra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.sink2.CommittingSinkWriter;
import org.apache.flink.api.java.functions.KeySelector;

/**
 * Holds a checkpoint's elements and hands them over as its committable: of the elements with a
 * coalescing key, the newest per key; those without one (or without a key selector), all.
 */
final class BufferingSinkWriter<T> implements CommittingSinkWriter<T, List<T>> {
    private final KeySelector<T, String> coalesceBy;
    private final Map<String, T> latest = new LinkedHashMap<>();
    private final List<T> all = new ArrayList<>();

    BufferingSinkWriter(KeySelector<T, String> coalesceBy) {
        this.coalesceBy = coalesceBy;
    }

    @Override
    public void write(T element, Context context) throws java.io.IOException {
        String key;
        try {
            key = coalesceBy == null ? null : coalesceBy.getKey(element);
        } catch (Exception e) {
            throw new java.io.IOException("coalescing key of " + element, e);
        }
        if (key == null) { // an element without a key is kept whatever follows it
            all.add(element);
            return;
        }
        latest.remove(key); // re-inserted last: the newest element's position
        latest.put(key, element);
    }

    @Override
    public void flush(boolean endOfInput) {
        // Nothing to write yet: the committer writes once the checkpoint is complete.
    }

    @Override
    public Collection<List<T>> prepareCommit() {
        List<T> batch = new ArrayList<>(all);
        batch.addAll(latest.values());
        all.clear();
        latest.clear();
        return batch.isEmpty() ? List.of() : List.of(batch);
    }

    @Override
    public void close() {}
}
