package io.leadstream.bench.pipeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the events the gateway accepted are in Cassandra ({@code events_by_device}, the engine's
 * record of every event), compared per device with the driver's ledger: a device short of rows lost
 * events; a device with more rows got an event twice (a retry of a request that had reached Kafka).
 */
final class EventsInCassandra {
    /** The comparison: events missing, and rows beyond what the driver knows was accepted. */
    record Reflection(long expected, long found, long missing, long extra, int devicesShort, List<String> examples) {
        boolean complete() {
            return missing == 0;
        }
    }

    private final CqlSession session;
    private final PreparedStatement countOfDevice;
    private final String keyspace;

    EventsInCassandra(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
        this.countOfDevice = session.prepare("SELECT count(*) FROM " + keyspace + ".events_by_device WHERE device_id = ?");
    }

    /** The rows stored for one device. */
    long rows(String device) {
        return session.execute(countOfDevice.bind(device)).one().getLong(0);
    }

    /** True when each of these devices has at least as many rows as were accepted for it. */
    boolean caughtUp(List<String> devices, Map<String, Integer> accepted) {
        for (String device : new LinkedHashSet<>(devices)) {
            if (rows(device) < accepted.getOrDefault(device, 0)) {
                return false;
            }
        }
        return true;
    }

    /** Reads the whole table (every device there is the driver's) and compares it with {@code accepted}. */
    Reflection compare(Map<String, Integer> accepted) {
        Map<String, Integer> rows = new HashMap<>();
        SimpleStatement scan = SimpleStatement.newInstance("SELECT device_id FROM " + keyspace + ".events_by_device").setPageSize(5000);
        for (Row r : session.execute(scan)) {
            rows.merge(r.getString(0), 1, Integer::sum);
        }
        long expected = 0;
        long found = 0;
        long missing = 0;
        long extra = 0;
        int devicesShort = 0;
        Set<String> examples = new LinkedHashSet<>();
        for (Map.Entry<String, Integer> e : accepted.entrySet()) {
            int have = rows.getOrDefault(e.getKey(), 0);
            expected += e.getValue();
            found += have;
            if (have < e.getValue()) {
                missing += e.getValue() - have;
                devicesShort++;
                if (examples.size() < 10) {
                    examples.add(e.getKey() + " " + have + "/" + e.getValue());
                }
            } else {
                extra += have - e.getValue();
            }
        }
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            if (!accepted.containsKey(e.getKey())) {
                extra += e.getValue();
                found += e.getValue();
            }
        }
        return new Reflection(expected, found, missing, extra, devicesShort, List.copyOf(examples));
    }
}
