package io.leadstream.workers;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadstream.definitions.DefinitionCatalog;
import io.leadstream.store.cassandra.table.DefinitionsTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definitions an email's tokens read (pages, assets, contact fields), a kind at a time, each kept
 * for {@link OutboxStore#EMAIL_CACHE} like the emails themselves: a changed page reaches the workers
 * within it, and a send costs no read. The same map is handed out until it is read again, which lets
 * its users work things out once per read ({@link io.leadstream.email.CatalogTokenSources}).
 */
final class DefinitionReads implements DefinitionCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(DefinitionReads.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Read(Map<String, JsonNode> byId, long readAt) {}

    private final CqlSession session;
    private final PreparedStatement byKind;
    private final Duration ttl;
    private final Map<String, Read> kinds = new ConcurrentHashMap<>();

    DefinitionReads(CqlSession session, String keyspace, Duration ttl) {
        this.session = session;
        this.byKind = session.prepare(DefinitionsTable.SELECT_BY_KIND.replace("{ks}", keyspace));
        this.ttl = ttl;
    }

    @Override
    public Map<String, JsonNode> all(String kind) {
        long now = System.nanoTime();
        Read read = kinds.get(kind);
        if (read == null || now - read.readAt() >= ttl.toNanos()) {
            read = new Read(read(kind), now);
            kinds.put(kind, read);
        }
        return read.byId();
    }

    private Map<String, JsonNode> read(String kind) {
        Map<String, JsonNode> out = new HashMap<>();
        for (Row r : session.execute(byKind.bind(kind))) {
            try {
                out.put(r.getString("id"), JSON.readTree(r.getString("document")));
            } catch (JsonProcessingException e) { // stored by the engine from checked definitions: not expected
                LOG.warn("Definition {}/{} does not read as JSON; left out: {}", kind, r.getString("id"), e.getMessage());
            }
        }
        return Map.copyOf(out);
    }
}
