package io.leadstream.bench.pipeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.leadstream.common.ids.IdentityIds;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the events the gateway accepted are in Cassandra (each stored once, in its contact's
 * {@code contact_timeline} with the device it came from), compared per device with the driver's
 * ledger: a device short of rows lost events; a device with more rows got an event twice (a retry
 * of a request that had reached Kafka). Rows without a device are the engine's own (campaign actions).
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
    private final PreparedStatement contactOfDevice;
    private final String keyspace;

    EventsInCassandra(CqlSession session, String keyspace) {
        this.session = session;
        this.keyspace = keyspace;
        this.countOfDevice = session.prepare("SELECT count(*) FROM " + keyspace + ".contact_timeline WHERE contact_id = ? AND device_id = ? ALLOW FILTERING");
        this.contactOfDevice = session.prepare("SELECT contact_id FROM " + keyspace + ".device_contacts WHERE device_id = ?");
    }

    /** The rows stored for one device: under its anonymous contact, and under the contact it was merged into since. */
    long rows(String device) {
        String anonymous = IdentityIds.anon(device);
        long rows = session.execute(countOfDevice.bind(anonymous, device)).one().getLong(0);
        Row now = session.execute(contactOfDevice.bind(device)).one();
        if (now != null && !now.getString(0).equals(anonymous)) {
            rows += session.execute(countOfDevice.bind(now.getString(0), device)).one().getLong(0);
        }
        return rows;
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
        SimpleStatement scan = SimpleStatement.newInstance("SELECT device_id FROM " + keyspace + ".contact_timeline").setPageSize(5000);
        for (Row r : session.execute(scan)) {
            if (r.getString(0) != null) {
                rows.merge(r.getString(0), 1, Integer::sum);
            }
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
