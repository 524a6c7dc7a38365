package io.leadstream.bench.pipeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.leadstream.common.ids.IdentityIds;
import io.leadstream.store.cassandra.table.ContactTimelineTable;
import io.leadstream.store.cassandra.table.DeviceContactsTable;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether the events the gateway accepted are in Cassandra (in their contact's {@code contact_timeline},
 * with the device they came from), compared per device with the driver's ledger, by distinct event
 * ids as the timeline API counts them: a device short of events lost some; a device with more got an
 * event twice (a retry of a request that had reached Kafka). Rows without a device are the engine's own.
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
        this.countOfDevice = session.prepare(ContactTimelineTable.SELECT_BY_CONTACT_ID_AND_DEVICE_ID.replace("{ks}", keyspace));
        this.contactOfDevice = session.prepare(DeviceContactsTable.SELECT_BY_DEVICE_ID.replace("{ks}", keyspace));
    }

    /**
     * The events stored for one device: under its anonymous contact, and under the contact it was merged
     * into since. An event in both partitions counts once, as the timeline API shows it: a job restored
     * from a checkpoint may resolve a replayed event to the other of two ids that are merged by then.
     */
    long rows(String device) {
        String anonymous = IdentityIds.anon(device);
        Set<String> events = new HashSet<>();
        session.execute(countOfDevice.bind(anonymous, device)).forEach(r -> events.add(r.getString(0)));
        Row now = session.execute(contactOfDevice.bind(device)).one();
        if (now != null && !now.getString(0).equals(anonymous)) {
            session.execute(countOfDevice.bind(now.getString(0), device)).forEach(r -> events.add(r.getString(0)));
        }
        return events.size();
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
        Map<String, Set<String>> events = new HashMap<>();
        SimpleStatement scan = SimpleStatement.newInstance(ContactTimelineTable.SELECT_DEVICE_ID_EVENT_ID_ALL.replace("{ks}", keyspace)).setPageSize(5000);
        for (Row r : session.execute(scan)) {
            if (r.getString(0) != null) { // rows without a device are the engine's own
                events.computeIfAbsent(r.getString(0), d -> new HashSet<>()).add(r.getString(1));
            }
        }
        Map<String, Integer> rows = new HashMap<>();
        events.forEach((device, ids) -> rows.put(device, ids.size()));
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
