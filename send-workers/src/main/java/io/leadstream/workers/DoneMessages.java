package io.leadstream.workers;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The messages a worker process knows are done, so its scans pass over them without reading their
 * state again: a scan revisits every message of a minute until the whole minute is done. Bounded,
 * oldest forgotten first; forgetting one only costs a read.
 */
final class DoneMessages {
    private final Set<String> ids;

    DoneMessages(int capacity) {
        this.ids = Collections.newSetFromMap(Collections.synchronizedMap(new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }

    boolean contains(String commandId) {
        return ids.contains(commandId);
    }

    void add(String commandId) {
        ids.add(commandId);
    }
}
