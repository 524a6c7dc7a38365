package io.leadstream.bench.pipeline;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.leadstream.store.cassandra.table.OutboxStateTable;
import java.util.Map;
import java.util.TreeMap;

/** The outbox's messages by outcome ("state (detail)"): what became of the sends, for the report. */
final class OutboxOutcomes {
    private OutboxOutcomes() {}

    static Map<String, Long> count(CqlSession session, String keyspace) {
        Map<String, Long> out = new TreeMap<>();
        for (Row r : session.execute(OutboxStateTable.SELECT_STATE_DETAIL_ALL.replace("{ks}", keyspace))) {
            String detail = r.getString("detail");
            out.merge(r.getString("state") + (detail == null ? "" : " (" + detail.replaceAll("[0-9a-f]{8,}", "…") + ")"), 1L, Long::sum);
        }
        return out;
    }

    /** Messages closed as unconfirmed: their worker died between the committing mark and the server's answer. */
    static long unconfirmed(Map<String, Long> outcomes) {
        return outcomes.entrySet().stream().filter(e -> e.getKey().startsWith(io.leadstream.workers.DeliveryState.UNCONFIRMED))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
