package io.leadstream.gateway;

import io.leadstream.gateway.contacts.ContactStore;
import io.leadstream.store.cassandra.table.HitCountersTable;
import io.vertx.core.Future;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts in Cassandra's {@code hit_counters} that the gateway keeps as it takes hits into Kafka (a
 * focus item's views and conversions, a landing page's views and submissions). A count that fails
 * is logged and the event stays, so counts may read low. Without a contacts store nothing is
 * counted and reads answer none.
 */
final class HitCounters {
    private static final Logger LOG = LoggerFactory.getLogger(HitCounters.class);

    private final ContactStore store;

    HitCounters(ContactStore store) {
        this.store = store;
    }

    boolean enabled() {
        return store != null;
    }

    void count(String subject, String id, String kind) {
        add(subject, id, kind, 1);
    }

    void add(String subject, String id, String kind, long amount) {
        if (store == null) {
            return;
        }
        store.execute(HitCountersTable.UPDATE_COUNT_BY_SUBJECT_AND_ID_AND_KIND, amount, subject, id, kind)
                .whenComplete((v, e) -> {
                    if (e != null) {
                        LOG.warn("{} {}: a {} was not counted: {}", subject, id, kind, e.toString());
                    }
                });
    }

    /** The counts of one item, by kind (none counted: absent). */
    Future<Map<String, Long>> read(String subject, String id) {
        if (store == null) {
            return Future.succeededFuture(Map.of());
        }
        return Future.fromCompletionStage(store.rows(HitCountersTable.SELECT_BY_SUBJECT_AND_ID, subject, id))
                .map(rows -> {
                    Map<String, Long> out = new HashMap<>();
                    rows.forEach(r -> out.put(r.getString(0), r.getLong(1)));
                    return out;
                });
    }
}
